import type { Container } from '../api/types';
import { fnv32a } from '../util/clone';

/** Image references as containerd sees them, sizes for pull times, Go-style durations for events. */

export interface ImageRef {
  /** As written in the pod spec (`nginx:1.27`): events quote this. */
  readonly spec: string;
  /** Fully qualified (`docker.io/library/nginx:1.27`): the node's cache and containerStatuses use this. */
  readonly full: string;
  /** Repository without tag or digest (`docker.io/library/nginx`). */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

export type ParsedImage = { ok: true; ref: ImageRef } | { ok: false; message: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parsed references by text: every pod of a workload names the same image (results are immutable). */
const parsedImages = new Map<string, ParsedImage>();
const MAX_PARSED_IMAGES = 1024;

/** Parses and normalizes an image reference the way the kubelet (docker/distribution reference) does. */
export function parseImage(image: string): ParsedImage {
  let parsed = parsedImages.get(image);
  if (parsed === undefined) {
    if (parsedImages.size >= MAX_PARSED_IMAGES) parsedImages.clear();
    parsed = parseImageText(image);
    parsedImages.set(image, parsed);
  }
  return parsed;
}

function parseImageText(image: string): ParsedImage {
  const bad = (detail: string): ParsedImage => ({
    ok: false,
    message: `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format${detail}`,
  });
  if (image === '' || /\s/.test(image)) return bad('');
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return bad('');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return bad('');
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const domain = hasDomain ? first : 'docker.io';
  const path = hasDomain ? parts.slice(1) : parts.length === 1 ? ['library', first] : parts;
  const pathText = path.join('/');
  if (pathText !== pathText.toLowerCase()) return bad(`: repository name (${pathText}) must be lowercase`);
  if (path.some((p) => !COMPONENT.test(p))) return bad('');
  const repository = `${domain}/${pathText}`;
  const effectiveTag = tag ?? (digest ? undefined : 'latest');
  const full = `${repository}${effectiveTag ? `:${effectiveTag}` : ''}${digest ? `@${digest}` : ''}`;
  return { ok: true, ref: { spec: image, full, repository, tag: effectiveTag, digest } };
}

/** imagePullPolicy, defaulted as the API server does when the manifest leaves it out. */
export function pullPolicy(container: Container, ref: ImageRef): 'Always' | 'IfNotPresent' | 'Never' {
  if (container.imagePullPolicy) return container.imagePullPolicy;
  return ref.tag === 'latest' && !ref.digest ? 'Always' : 'IfNotPresent';
}

/** Typical compressed sizes (bytes) by repository name; tag variants below. */
const CATALOGUE: Record<string, number> = {
  nginx: 72_100_000, httpd: 58_000_000, busybox: 2_160_000, alpine: 3_650_000, ubuntu: 29_700_000,
  debian: 48_500_000, redis: 45_000_000, postgres: 158_000_000, mysql: 170_000_000, mariadb: 120_000_000,
  mongo: 270_000_000, memcached: 34_000_000, rabbitmq: 110_000_000, python: 380_000_000, node: 390_000_000,
  golang: 290_000_000, 'eclipse-temurin': 200_000_000, openjdk: 230_000_000, elasticsearch: 600_000_000,
  grafana: 120_000_000, prometheus: 110_000_000, traefik: 48_000_000, haproxy: 40_000_000,
  coredns: 22_000_000, pause: 320_000, 'kube-proxy': 30_000_000, 'kube-apiserver': 28_000_000,
  'kube-controller-manager': 26_000_000, 'kube-scheduler': 19_000_000, etcd: 60_000_000,
  'opentelemetry-collector': 85_000_000, 'opentelemetry-collector-contrib': 120_000_000,
  'splunk-otel-collector': 130_000_000, 'opentelemetry-operator': 70_000_000, 'hello-world': 13_000,
  curl: 10_000_000, netshoot: 200_000_000, wordpress: 250_000_000, jenkins: 470_000_000,
  controller: 110_000_000, 'local-path-provisioner': 20_000_000, flannel: 30_000_000,
  'metrics-server': 19_000_000, agnhost: 52_000_000, 'mirrored-pause': 320_000,
};

export const DEFAULT_IMAGE_BYTES = 50 * 2 ** 20;

/** Plausible, deterministic size of an image: catalogue by name, slimmer for alpine/slim tags, ±8 %. */
export function imageSizeBytes(ref: ImageRef): number {
  const name = ref.repository.slice(ref.repository.lastIndexOf('/') + 1);
  let base = CATALOGUE[name] ?? DEFAULT_IMAGE_BYTES;
  const tag = ref.tag ?? '';
  if (tag.includes('alpine')) base = Math.min(base, Math.max(base * 0.3, 8_000_000));
  else if (tag.includes('slim')) base = base * 0.4;
  const wobble = (fnv32a(ref.full) % 1601) / 10_000 - 0.08;
  return Math.max(1000, Math.round(base * (1 + wobble)));
}

function hex64(text: string): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += fnv32a(`${i}:${text}`).toString(16).padStart(8, '0');
  return out;
}

/** `docker.io/library/nginx@sha256:…`, stable for a reference. */
export function imageID(ref: ImageRef): string {
  // The fully qualified reference determines repository and digest: one id per image, computed once.
  let id = imageIds.get(ref.full);
  if (id === undefined) {
    if (imageIds.size >= MAX_PARSED_IMAGES) imageIds.clear();
    id = `${ref.repository}@${ref.digest ?? `sha256:${hex64(ref.full)}`}`;
    imageIds.set(ref.full, id);
  }
  return id;
}

const imageIds = new Map<string, string>();

/** The runtime error containerd returns for an image that cannot be resolved. */
export function pullErrorMessage(ref: ImageRef): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
}

/** Go's time.Duration.String() for whole milliseconds: `851ms`, `2.1s`, `1m4.25s`, `0s`. */
export function formatGoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const sMs = total % 60_000;
  const s = `${Math.floor(sMs / 1000)}${sMs % 1000 ? `.${String(sMs % 1000).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}
