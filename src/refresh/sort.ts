// Sorting a batch of sources by a number (due time, enqueue order) without garbage: the batches are
// small (an account's overdue sources, one instant's releases), and a comparator handed to the built-in
// sort allocates on every comparison (its doubles are boxed), which at a million sources is a large share
// of the garbage collector's work.

/** A reusable batch of sources with a key each, sorted by (key, source) ascending: a total order. */
export class KeyedBatch {
  ids = new Int32Array(64);
  keys = new Float64Array(64);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(id: number, key: number): void {
    if (this.length === this.ids.length) this.#grow();
    this.ids[this.length] = id;
    this.keys[this.length++] = key;
  }

  /** Insertion sort: linear on the nearly sorted, short batches it gets; a heap sort past 64. */
  sort(): void {
    const n = this.length, ids = this.ids, keys = this.keys;
    if (n > 64) return this.#heapSort();
    for (let i = 1; i < n; i++) {
      const id = ids[i], key = keys[i];
      let j = i - 1;
      while (j >= 0 && (keys[j] > key || (keys[j] === key && ids[j] > id))) {
        ids[j + 1] = ids[j]; keys[j + 1] = keys[j];
        j--;
      }
      ids[j + 1] = id; keys[j + 1] = key;
    }
  }

  #before(a: number, b: number): boolean {
    const ka = this.keys[a], kb = this.keys[b];
    return ka < kb || (ka === kb && this.ids[a] < this.ids[b]);
  }

  #swap(a: number, b: number): void {
    const ids = this.ids, keys = this.keys;
    const id = ids[a], key = keys[a];
    ids[a] = ids[b]; keys[a] = keys[b];
    ids[b] = id; keys[b] = key;
  }

  #heapSort(): void {
    const n = this.length;
    const sift = (i: number, end: number): void => {
      for (;;) {
        let c = 2 * i + 1;
        if (c >= end) return;
        if (c + 1 < end && this.#before(c, c + 1)) c++;
        if (!this.#before(i, c)) return;
        this.#swap(i, c);
        i = c;
      }
    };
    for (let i = (n >> 1) - 1; i >= 0; i--) sift(i, n);
    for (let end = n - 1; end > 0; end--) {
      this.#swap(0, end);
      sift(0, end);
    }
  }

  #grow(): void {
    const ids = new Int32Array(this.ids.length * 2); ids.set(this.ids); this.ids = ids;
    const keys = new Float64Array(this.keys.length * 2); keys.set(this.keys); this.keys = keys;
  }
}
