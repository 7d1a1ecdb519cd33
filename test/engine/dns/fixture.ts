/** A cluster for the DNS tests: Services of every kind in `prod`, a client Pod in `test`. */
import { simulate, type SimulationResult } from '../../../src/engine';

export const DNS_SCENARIO = `
apiVersion: v1
kind: Namespace
metadata: {name: prod}
---
apiVersion: v1
kind: Namespace
metadata: {name: test}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: data, namespace: prod}
spec:
  replicas: 2
  selector: {matchLabels: {app: data}}
  template:
    metadata: {labels: {app: data}}
    spec:
      containers: [{name: app, image: nginx, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: data, namespace: prod}
spec:
  clusterIP: 10.96.40.10
  selector: {app: data}
  ports: [{name: http, port: 80, targetPort: http}, {name: metrics, port: 9090, targetPort: 9090}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: prod}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: postgres, ports: [{name: postgres, containerPort: 15432}]}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: prod}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{name: postgres, port: 5432, targetPort: postgres}]
---
apiVersion: v1
kind: Service
metadata: {name: empty, namespace: prod}
spec:
  clusterIP: None
  selector: {app: nothing}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: ext, namespace: test}
spec:
  type: ExternalName
  externalName: www.example.com
---
apiVersion: v1
kind: Service
metadata: {name: alias, namespace: test}
spec:
  type: ExternalName
  externalName: data.prod.svc.cluster.local
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: test}
spec:
  containers: [{name: shell, image: nicolaka/netshoot}]
---
apiVersion: kube-netlab.io/v1alpha1
kind: UpstreamZone
metadata: {name: example-com}
spec:
  zone: example.com
  records:
    - {name: www, type: A, value: 203.0.113.10}
    - {name: mail, type: A, value: 203.0.113.25}
    - {name: '@', type: MX, value: 10 mail}
`;

export function dnsCluster(extra = ''): SimulationResult {
  return simulate([{ name: 'dns.yaml', content: DNS_SCENARIO + extra }]);
}
