// A value that exists only once a hook has made it (a server started in beforeAll), usable by name
// from the top of a test file: every property read goes to the real one, or says it is too early.
export function standIn<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const real = current();
      if (!real) throw new Error(`${what} is started in beforeAll: use it inside a test`);
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === "function" ? value.bind(real) : value;
    },
  });
}
