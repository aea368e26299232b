/** What a new editor shows: a small app that works as it is, to change and apply. */
export const STARTER_TEMPLATE = `# Write or paste manifests, then Apply (Ctrl-Enter): like kubectl apply -f -.
# Separate documents with ---. Nothing is applied if any document does not parse.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  labels:
    app: hello
spec:
  replicas: 3
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
        - name: hello
          image: nginx:1.27
          ports:
            - containerPort: 80
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
---
apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector:
    app: hello
  ports:
    - port: 80
      targetPort: 80
`;
