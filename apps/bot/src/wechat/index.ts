/**
 * The WeChat channel. Importing `./wechaty` loads wechaty (2–3 s); a process that serves only
 * the Official Account callback can import `./official` and `./customer-service` directly.
 */
export * from './config';
export * from './conversation';
export * from './crypto';
export * from './customer-service';
export * from './deliver';
export * from './official';
export * from './render';
export * from './texts';
export * from './wechaty';
