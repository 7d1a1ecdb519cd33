/**
 * What a container listens on. The simulator takes a container's declared `ports` as what
 * its process listens on; a container that declares none (as `kubectl run nginx
 * --image=nginx` makes it) listens where its image's server does by default, for the
 * images labs use, from each image's documentation (the EXPOSE of its Dockerfile).
 */
import type { PodResult } from '../result';

type Port = { containerPort: number; protocol: string };

/** Image repository (without registry prefix or tag) → the ports its default command listens on. */
const IMAGE_PORTS: Record<string, Port[]> = {
  nginx: [{ containerPort: 80, protocol: 'TCP' }],
  'nginxinc/nginx-unprivileged': [{ containerPort: 8080, protocol: 'TCP' }],
  'nginxdemos/hello': [{ containerPort: 80, protocol: 'TCP' }],
  httpd: [{ containerPort: 80, protocol: 'TCP' }],
  'traefik/whoami': [{ containerPort: 80, protocol: 'TCP' }],
  'kennethreitz/httpbin': [{ containerPort: 80, protocol: 'TCP' }],
  'hashicorp/http-echo': [{ containerPort: 5678, protocol: 'TCP' }],
  'k8s.gcr.io/echoserver': [{ containerPort: 8080, protocol: 'TCP' }],
  'registry.k8s.io/echoserver': [{ containerPort: 8080, protocol: 'TCP' }],
  redis: [{ containerPort: 6379, protocol: 'TCP' }],
  postgres: [{ containerPort: 5432, protocol: 'TCP' }],
  mysql: [{ containerPort: 3306, protocol: 'TCP' }],
  mariadb: [{ containerPort: 3306, protocol: 'TCP' }],
  mongo: [{ containerPort: 27017, protocol: 'TCP' }],
  memcached: [{ containerPort: 11211, protocol: 'TCP' }],
  rabbitmq: [{ containerPort: 5672, protocol: 'TCP' }],
};

/** `docker.io/library/nginx:1.27@sha256:...` → `nginx`; `registry.k8s.io/echoserver:1.4` keeps its registry. */
function repository(image: string): string {
  let name = image.split('@')[0];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) name = name.slice(0, colon);
  return name.replace(/^(docker\.io\/)?(library\/)?/, '');
}

/** The ports each container of the Pod listens on. */
export function listeningPorts(pod: PodResult): { container: string; ports: Port[]; fromImage: boolean }[] {
  return pod.containers.map((c) => (c.ports.length > 0 ? { container: c.name, ports: c.ports, fromImage: false } : { container: c.name, ports: IMAGE_PORTS[repository(c.image)] ?? [], fromImage: true }));
}
