// gas-local 1.3 ships no types: the one call the tests make (gasrequire.js).
declare module 'gas-local' {
  const gasLocal: {
    /** Evaluates every file under `folder` that `filter` keeps in a context made of `globals`; returns that context. */
    require(folder: string, globals?: object, options?: { filter?: (path: string) => boolean }): unknown;
  };
  export default gasLocal;
}
