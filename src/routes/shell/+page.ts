// The offline shell: prerendered once, served by the service worker for every navigation without network.
// The router then reads the real URL and renders that screen from local data.
export const prerender = true;
