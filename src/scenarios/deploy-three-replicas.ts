import { defineScenario } from './builtin';

/** Built-in scenario after the architecture lesson: what happens between `kubectl apply` and three Running pods. */
export const DEPLOY_THREE_REPLICAS = defineScenario(
  {
    name: 'deploy-three-replicas',
    title: 'Deploy three replicas',
    description: `
      A control-plane node and two workers. You apply a Deployment that asks for three nginx
      replicas and watch each component do its one job: the API server validates the object and
      stores it in etcd; the Deployment controller creates a ReplicaSet named after the pod
      template's hash; the ReplicaSet controller creates three Pods with no node; the scheduler
      filters and scores the workers and binds each Pod to one; the kubelet on that worker pulls
      the image, starts the container and reports the Pod Running. None of them calls another:
      each watches the API server and reacts to what it sees.
    `,
  },
  `
spec:
  seed: 7
  cluster:
    distribution: kubeadm
    controlPlane: { nodes: 1, etcd: stacked }
    nodes:
      - name: worker-{i}
        count: 2
        capacity: { cpu: "2", memory: 4Gi, pods: 110 }
  files:
    deployment.yaml: |
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-deployment
        labels: { app: nginx }
      spec:
        replicas: 3
        selector:
          matchLabels: { app: nginx }
        template:
          metadata:
            labels: { app: nginx }
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
                ports:
                  - containerPort: 80
                resources:
                  requests: { cpu: 100m, memory: 64Mi }
  steps:
    - at: 0s
      run: kubectl get nodes
      note: One control-plane node (the brain) and two workers (the muscle). The control plane is tainted, so your pods will land on the workers.
    - at: 0s
      run: kubectl apply -f deployment.yaml
      note: kubectl sends the Deployment to the API server, which validates it and stores it in etcd. Nothing else has happened yet.
    - at: 1s
      run: kubectl get deploy,rs,pods -o wide
      note: A second later the Deployment controller has created a ReplicaSet (its name ends in the pod-template hash), the ReplicaSet controller three Pods, and the scheduler has bound each Pod to a worker. The kubelets are pulling the image.
    - at: 20s
      run: kubectl get deployments -o wide
      note: All three replicas are ready and available.
    - at: 20s
      run: kubectl get replicasets -o wide
    - at: 20s
      run: kubectl get pods -o wide
      note: Every Pod has an IP from its worker's pod range; the NODE column shows where the scheduler put it.
    - at: 20s
      run: kubectl describe deployment nginx-deployment
      note: The Deployment's events show the Deployment controller scaling the new ReplicaSet up to 3.
    - at: 20s
      run: kubectl describe pods -l app=nginx
      note: Each Pod's events tell the rest of the story, in order - Scheduled (the scheduler), then Pulling, Pulled, Created and Started (the kubelet on its node).
`,
);
