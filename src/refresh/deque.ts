// A growable ring buffer of integers: the global refresh queue (push back, push front, pop front), and
// the `fifo` policy's whole queue (it fits policies/queue.ts's interface as it is).

export class IntDeque {
  #buf: Int32Array;
  #head = 0;
  #size = 0;

  constructor(capacity = 256) {
    // a power of two, so indices wrap with a mask
    if (!(capacity > 0) || (capacity & (capacity - 1)) !== 0) throw new RangeError(`capacity must be a power of two, got ${capacity}`);
    this.#buf = new Int32Array(capacity);
  }

  get length(): number {
    return this.#size;
  }

  pushBack(x: number): void {
    if (this.#size === this.#buf.length) this.#grow();
    this.#buf[(this.#head + this.#size) & (this.#buf.length - 1)] = x;
    this.#size++;
  }

  pushFront(x: number): void {
    if (this.#size === this.#buf.length) this.#grow();
    this.#head = (this.#head - 1) & (this.#buf.length - 1);
    this.#buf[this.#head] = x;
    this.#size++;
  }

  /** the head without taking it (the queue is not empty) */
  peek(): number {
    return this.peekFront();
  }

  peekFront(): number {
    if (this.#size === 0) throw new RangeError('peekFront on an empty queue');
    return this.#buf[this.#head];
  }

  popFront(): number {
    if (this.#size === 0) throw new RangeError('popFront on an empty queue');
    const x = this.#buf[this.#head];
    this.#head = (this.#head + 1) & (this.#buf.length - 1);
    this.#size--;
    return x;
  }

  #grow(): void {
    // capacity stays a power of two so indices wrap with a mask
    const next = new Int32Array(this.#buf.length * 2);
    for (let i = 0; i < this.#size; i++) next[i] = this.#buf[(this.#head + i) & (this.#buf.length - 1)];
    this.#buf = next;
    this.#head = 0;
  }
}
