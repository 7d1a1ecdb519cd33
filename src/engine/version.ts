/** Version of the simulation engine; part of every result's cache key. */
export const ENGINE_VERSION = '0.3.0';

/** The Kubernetes minor version whose behaviour the engine reproduces. */
export const KUBERNETES_VERSION = 'v1.33';
