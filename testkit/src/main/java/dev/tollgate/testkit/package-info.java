/**
 * The project's one shared test-fixture stack (test scope only): real Redis and authorization servers, checked-in
 * test keys ({@link dev.tollgate.testkit.TestKeys}), token builders ({@link dev.tollgate.testkit.TestJwts}), a
 * controllable JWKS issuer ({@link dev.tollgate.testkit.TestJwks}), clocks and HTTP helpers. Modules take their
 * fixtures from here and extend these builders rather than keeping their own; only test doubles of a module's own
 * ports stay in that module. See {@code docs/testing.md}.
 */
package dev.tollgate.testkit;
