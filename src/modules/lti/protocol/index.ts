/** LTI 1.3 Advantage, tool side: the import surface the service module uses. */
export * from './ags';
export * from './claims';
export * from './deep-linking';
export * from './dynamic-registration';
export { LtiHttpError, ltiUserAgent, type Clock, type Fetch, type HttpClient } from './http';
export * from './keys';
export * from './launch';
export * from './login';
export * from './nrps';
export * from './platform-keys';
export * from './platform-storage';
export * from './refusal';
export * from './registration';
export * from './service-token';
export { stateBinding, type LoginState, type StateBinding } from './state';
export * from './uris';
