/**
 * Shared scenario pieces for the Ingress tests: ingress-nginx as kind's deploy runs it (trimmed),
 * apps behind Services, and two test certificates made with openssl for these tests:
 * SAN_CERT (subjectAltName DNS:foo.bar.com, DNS:*.wild.example.com; CN foo.bar.com) and
 * CN_ONLY_CERT (CN legacy.example.com, no subjectAltName).
 */
export const SAN_CERT = `-----BEGIN CERTIFICATE-----
MIIBrjCCAVOgAwIBAgIUVVnufuyLcR3GVV/owOIGNaDdxbUwCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLZm9vLmJhci5jb20wHhcNMjYxMTIyMDI1NjQ5WhcNMzYxMTE5
MDI1NjQ5WjAWMRQwEgYDVQQDDAtmb28uYmFyLmNvbTBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABHAYlJMp86tLWwLYnBRitw+Vmv5Plwy3/PIdb4W9o9vd0iKREi+B
QuCzRsUys1fCmcZXI/NmYqo6l9x7Jp1RbECjfzB9MB0GA1UdDgQWBBR5LT0vnwJ8
kEZncF4Q0XmoJwta7TAfBgNVHSMEGDAWgBR5LT0vnwJ8kEZncF4Q0XmoJwta7TAP
BgNVHRMBAf8EBTADAQH/MCoGA1UdEQQjMCGCC2Zvby5iYXIuY29tghIqLndpbGQu
ZXhhbXBsZS5jb20wCgYIKoZIzj0EAwIDSQAwRgIhAP6fXcYMh0HDQmiMRWal/Hqq
D/fR2+asI20Kv3NgP4S1AiEAhhirx8vdwYveTGO7FIGe0u9VTqyNiMajJ5iZldUw
2UE=
-----END CERTIFICATE-----
`;
export const CN_ONLY_CERT = `-----BEGIN CERTIFICATE-----
MIIBijCCAS+gAwIBAgIUQ+nLWtLsKPCa+aPOX7nzommN9z0wCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSbGVnYWN5LmV4YW1wbGUuY29tMB4XDTI2MTEyMjAyNTY0OVoX
DTM2MTExOTAyNTY0OVowHTEbMBkGA1UEAwwSbGVnYWN5LmV4YW1wbGUuY29tMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEnlvFUQ1BNi+ohCO6oTbk+iK+O8tolqcq
xX3GI8k5IzxaelYmNJjgULfZNY75FQbooEz97ErK/Ulib2WxpTi2+aNNMEswHQYD
VR0OBBYEFGhDpZJfxUZUdyuuRXBXhKpvnOhWMB8GA1UdIwQYMBaAFGhDpZJfxUZU
dyuuRXBXhKpvnOhWMAkGA1UdEwQCMAAwCgYIKoZIzj0EAwIDSQAwRgIhAOwerQ1g
6FaR7/xPuF41vbtzUxlEw4cGFRz+Vd+ze3unAiEA8CvW/9ss7D0N8//GRIAkIXwp
0mB30S+1Kr2PETVBHQY=
-----END CERTIFICATE-----
`;

/** base64 (what `data:` holds). */
export const b64 = (s: string) => Buffer.from(s).toString('base64');

/** ingress-nginx's controller (kind provider flags by default). */
export function controller(opts: { args?: string[]; namespace?: string; name?: string } = {}): string {
  const ns = opts.namespace ?? 'ingress-nginx';
  const name = opts.name ?? 'ingress-nginx-controller';
  const args = opts.args ?? ['--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx', '--watch-ingress-without-class=true', '--publish-status-address=localhost'];
  return `
apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    matchLabels: {app.kubernetes.io/name: ${name}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: ${name}}
    spec:
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.12.1
          args: ${JSON.stringify(['/nginx-ingress-controller', ...args])}
          ports:
            - {name: http, containerPort: 80, hostPort: 80}
            - {name: https, containerPort: 443, hostPort: 443}
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  type: NodePort
  selector: {app.kubernetes.io/name: ${name}}
  ports:
    - {name: http, port: 80, targetPort: http}
    - {name: https, port: 443, targetPort: https}
`;
}

export const NGINX_CLASS = `
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
`;

/** A one-replica Deployment labelled app=<name> behind Service <name> (port 8080, or a named port `http`). */
export function app(name: string, opts: { replicas?: number; namespace?: string } = {}): string {
  const ns = opts.namespace ? `\n  namespace: ${opts.namespace}` : '';
  return `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${ns}
spec:
  replicas: ${opts.replicas ?? 1}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: app
          image: registry.k8s.io/e2e-test-images/agnhost:2.39
          ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}${ns}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 8080, targetPort: 8080}]
`;
}

export const docs = (...parts: string[]) => parts.map((p) => p.trim()).join('\n---\n');
