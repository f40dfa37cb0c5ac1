// The PouchDB peer's packages ship no types (and @types/pouchdb-* lag their versions); the peer uses them as
// documented, so they are taken as they come.
declare module 'express';
declare module 'express-pouchdb';
declare module 'pouchdb-core';
declare module 'pouchdb-adapter-http';
declare module 'pouchdb-adapter-idb';
declare module 'pouchdb-adapter-memory';
declare module 'pouchdb-mapreduce';
declare module 'pouchdb-replication';
