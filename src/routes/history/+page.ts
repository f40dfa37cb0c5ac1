import { redirect } from '@sveltejs/kit';

// Past sessions are listed on "Moje spotkania" below the upcoming ones: one place for an organisation's meetings.
export const load = () => redirect(307, '/meetings#past');
