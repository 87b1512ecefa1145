// Seeded randomness: every request follows from the seed, so a run is replayed by its seed.
import { randomInt } from "node:crypto";

// A seed for a run that was given none; printed first so the run can be replayed.
export function freshSeed() {
  return randomInt(1, 2 ** 31 - 1);
}

// mulberry32: tiny, fast and good enough to pick test inputs (not for secrets).
export class Rng {
  constructor(seed) {
    this.state = seed >>> 0;
  }

  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  below(n) {
    return Math.floor(this.next() * n);
  }

  int(lo, hi) {
    return lo + this.below(hi - lo + 1);
  }

  chance(p) {
    return this.next() < p;
  }

  pick(list) {
    return list[this.below(list.length)];
  }

  // Distinct elements of `list`, at most n of them.
  sample(list, n) {
    return this.shuffle([...list]).slice(0, n);
  }

  shuffle(list) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }

  word(n = 8) {
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode(97 + this.below(26));
    return s;
  }

  uuid() {
    const hex = () => this.below(16).toString(16);
    let s = "";
    for (let i = 0; i < 32; i++) s += hex();
    s = s.slice(0, 12) + "4" + s.slice(13, 16) + "89ab"[this.below(4)] + s.slice(17);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

// One generator per worker, each from the run's seed, so a worker's inputs do not depend on
// how the others' answers interleave with its own.
export function workerRng(seed, worker) {
  return new Rng((seed + Math.imul(worker, 0x9e3779b9)) >>> 0);
}
