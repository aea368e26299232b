/**
 * The workshop's taskmaster application for the k3s scenario, as `taskmaster.yaml` (indented
 * to sit under `spec.files`): a frontend, a backend API, PostgreSQL on a local-path volume,
 * an Ingress for `/` and `/api`, and a NetworkPolicy that lets only the backend reach the
 * database. The host name and credentials are the sandbox's own.
 */

export const TASKMASTER_HOST = 'taskmaster.sandbox.test';

const NAMESPACE_AND_DATABASE = `apiVersion: v1
kind: Namespace
metadata:
  name: taskmaster
---
apiVersion: v1
kind: Secret
metadata:
  name: postgres-credentials
  namespace: taskmaster
type: Opaque
stringData:
  POSTGRES_USER: taskmaster
  POSTGRES_PASSWORD: sandbox-only-not-a-secret
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: postgres-pvc
  namespace: taskmaster
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: local-path
  resources:
    requests:
      storage: 5Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: postgres
  namespace: taskmaster
  labels: { app: postgres }
spec:
  replicas: 1
  strategy: { type: Recreate }
  selector:
    matchLabels: { app: postgres }
  template:
    metadata:
      labels: { app: postgres, tier: database }
    spec:
      containers:
        - name: postgres
          image: postgres:16-alpine
          ports:
            - containerPort: 5432
          env:
            - name: POSTGRES_DB
              value: taskmaster
            - name: POSTGRES_USER
              valueFrom:
                secretKeyRef: { name: postgres-credentials, key: POSTGRES_USER }
            - name: POSTGRES_PASSWORD
              valueFrom:
                secretKeyRef: { name: postgres-credentials, key: POSTGRES_PASSWORD }
          resources:
            requests: { cpu: 250m, memory: 256Mi }
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: postgres-pvc
---
apiVersion: v1
kind: Service
metadata:
  name: postgres-svc
  namespace: taskmaster
spec:
  selector: { app: postgres }
  ports:
    - port: 5432`;

const BACKEND_AND_FRONTEND = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
  namespace: taskmaster
  labels: { app: backend }
spec:
  replicas: 3
  selector:
    matchLabels: { app: backend }
  template:
    metadata:
      labels: { app: backend, tier: api }
    spec:
      containers:
        - name: backend
          image: registry.sandbox.test/taskmaster/backend:1.4.0
          ports:
            - containerPort: 5000
          env:
            - name: DATABASE_URL
              value: postgresql://postgres-svc:5432/taskmaster
          resources:
            requests: { cpu: 100m, memory: 128Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: backend-svc
  namespace: taskmaster
spec:
  selector: { app: backend }
  ports:
    - port: 5000
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: taskmaster
  labels: { app: frontend }
spec:
  replicas: 2
  selector:
    matchLabels: { app: frontend }
  template:
    metadata:
      labels: { app: frontend, tier: web }
    spec:
      containers:
        - name: frontend
          image: nginx:1.27-alpine
          ports:
            - containerPort: 80
          resources:
            requests: { cpu: 50m, memory: 64Mi }
---
apiVersion: v1
kind: Service
metadata:
  name: frontend-svc
  namespace: taskmaster
spec:
  selector: { app: frontend }
  ports:
    - port: 80`;

const ROUTING_AND_POLICY = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: taskmaster
  namespace: taskmaster
spec:
  ingressClassName: nginx
  rules:
    - host: ${TASKMASTER_HOST}
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend:
              service: { name: backend-svc, port: { number: 5000 } }
          - path: /
            pathType: Prefix
            backend:
              service: { name: frontend-svc, port: { number: 80 } }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: postgres-allow-backend
  namespace: taskmaster
spec:
  podSelector:
    matchLabels: { app: postgres }
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels: { app: backend }
      ports:
        - protocol: TCP
          port: 5432`;

/** The whole file, documents in the order `kubectl apply` creates them. */
export const TASKMASTER_YAML = [NAMESPACE_AND_DATABASE, BACKEND_AND_FRONTEND, ROUTING_AND_POLICY].join('\n---\n');
