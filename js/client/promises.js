/**
 * What the client's calls return: promises of the response body that can also give the
 * Response (`.withResponse()`, as the SDK's APIPromise), and, for the lists, walk every page.
 */
import { CourierClientError } from './errors.js';

/**
 * @template T
 * @typedef {{ data: T, response: Response, requestId: string | undefined, replayed?: boolean }} WithResponse
 */

/**
 * Awaits to the body (`data`); `.withResponse()` gives `{ data, response, requestId }`. As
 * with the SDK's APIPromise, `data` is only derived when asked for, so a caller who uses just
 * `.withResponse()` leaves no unhandled rejection behind.
 * @template T
 * @extends {Promise<T>}
 */
export class ResponsePromise extends Promise {
  /** @type {Promise<WithResponse<T>>} */
  #full;
  /** @type {Promise<T> | undefined} */
  #data;

  // Derived promises (from Promise statics or a subclass' then) are plain Promises.
  static get [Symbol.species]() { return Promise; }

  /** @param {Promise<WithResponse<T>>} full */
  constructor(full) {
    super((resolve) => resolve(/** @type {any} */ (undefined)));
    this.#full = full;
  }

  #result() {
    return (this.#data ??= this.#full.then((r) => r.data));
  }

  /** @type {Promise<T>['then']} */
  then(onFulfilled, onRejected) { return this.#result().then(onFulfilled, onRejected); }
  /** @type {Promise<T>['catch']} */
  catch(onRejected) { return this.#result().catch(onRejected); }
  /** @type {Promise<T>['finally']} */
  finally(onFinally) { return this.#result().finally(onFinally); }

  /** @returns {Promise<WithResponse<T>>} */
  withResponse() { return this.#full; }
}

/**
 * The promise of an invoke call: `{ runId }`; `.withResponse()` adds `replayed`.
 * @extends {ResponsePromise<{ runId: string }>}
 */
export class InvokePromise extends ResponsePromise {}

/**
 * The promise of a list's first page, which also walks every page:
 * `for await (const item of list)` yields the items of each page in turn, following the
 * cursor; `list.pages()` yields the page bodies. Each walk re-uses the first page's request
 * and fetches the later pages with the same call options.
 * @template Page, Item
 * @extends {ResponsePromise<Page>}
 */
export class ListPromise extends ResponsePromise {
  /** @type {(cursor: string) => Promise<WithResponse<Page>>} */
  #fetchPage;
  /** @type {(page: Page) => { items: Item[], cursor: string | undefined }} */
  #read;

  /**
   * @param {Promise<WithResponse<Page>>} first
   * @param {(cursor: string) => Promise<WithResponse<Page>>} fetchPage
   * @param {(page: Page) => { items: Item[], cursor: string | undefined }} read
   */
  constructor(first, fetchPage, read) {
    super(first);
    this.#fetchPage = fetchPage;
    this.#read = read;
  }

  /** @returns {AsyncGenerator<Page, void, undefined>} */
  async *pages() {
    let page = (await this.withResponse()).data;
    /** A server that hands back a cursor it already gave would otherwise be walked forever. */
    const seen = new Set();
    for (;;) {
      yield page;
      const { cursor } = this.#read(page);
      if (cursor === undefined) return;
      if (seen.has(cursor)) {
        throw new CourierClientError(`the server returned the cursor ${JSON.stringify(cursor)} a second time; stopped paging instead of looping`);
      }
      seen.add(cursor);
      page = (await this.#fetchPage(cursor)).data;
    }
  }

  /** @returns {AsyncGenerator<Item, void, undefined>} */
  async *[Symbol.asyncIterator]() {
    for await (const page of this.pages()) yield* this.#read(page).items;
  }
}
