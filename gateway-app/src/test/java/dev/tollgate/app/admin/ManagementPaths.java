package dev.tollgate.app.admin;

import java.util.List;

import dev.tollgate.testkit.RawHttp;

/** Request targets the management-plane tests send as raw bytes, and the request lines they build. */
final class ManagementPaths {

	/**
	 * Spellings of {@code /actuator/apikeys} that a raw-path compare gets wrong: {@code ;} parameters, percent-encoded
	 * letters, dots and separators, case, doubled slashes, dot segments, absolute form. Each either reaches the
	 * endpoint (routing decodes it) and then must meet the chain, or reaches no endpoint at all.
	 */
	static final List<String> APIKEYS_SPELLINGS = List.of("/actuator;x=1/apikeys", "/%61ctuator/apikeys",
			"/actuator/%61pikeys", "/actuator/api%6Beys", "/%61%63%74%75%61%74%6f%72/%61%70%69%6b%65%79%73",
			"/actuator/apikeys;jsessionid=1", "/actuator;/apikeys;/", "/actuator/apikeys/", "/ACTUATOR/apikeys",
			"/Actuator/ApiKeys", "//actuator/apikeys", "/actuator//apikeys", "/actuator/./apikeys",
			"/./actuator/apikeys", "/actuator/health/../apikeys", "/actuator/health/%2e%2e/apikeys",
			"/actuator/%2e%2e/actuator/apikeys", "/actuator/health/..;/apikeys", "/actuator/health;/../apikeys",
			"/actuator%2Fapikeys", "/actuator%2fapikeys", "/actuator\\apikeys", "/actuator%5Capikeys",
			"/actuator/apikeys%3Bx=1", "/actuator/apikeys%00", "/actuator/apikeys?x=1",
			"http://localhost/actuator;x=1/apikeys", "http://localhost/%61ctuator/apikeys");

	/** Spellings that routing decodes to {@code /actuator/apikeys} itself: with the token they must work. */
	static final List<String> APIKEYS_DECODED = List.of("/actuator;x=1/apikeys", "/%61ctuator/apikeys",
			"/actuator/%61pikeys", "/actuator/apikeys;jsessionid=1", "/actuator;/apikeys;",
			"http://localhost/%61ctuator/apikeys");

	/** Everything exposed but health: must refuse without the admin token. */
	static final List<String> LOCKED = List.of("/actuator", "/actuator/", "/actuator/prometheus", "/actuator/metrics",
			"/actuator/metrics/tollgate.decisions", "/actuator/info", "/actuator/env", "/actuator/env/PATH",
			"/actuator/loggers", "/actuator/apikeys", "/actuator/apikeys/report/csv", "/actuator;a=b/prometheus",
			"/%61ctuator/metrics", "/actuator/%70rometheus", "/actuator/prometheus;x=1");

	/** Health and its probe groups: open to everyone (load balancers, Kubernetes). */
	static final List<String> OPEN = List.of("/actuator/health", "/actuator/health/liveness",
			"/actuator/health/readiness");

	/** Exposure for these tests: the defaults plus {@code env} and {@code loggers}, which must never leak either. */
	static final String EXPOSURE = "health,info,prometheus,metrics,apikeys,env,loggers";

	private ManagementPaths() {
	}

	/** A JSON POST with {@code Connection: close}. */
	static RawHttp.Response post(int port, String target, String json, String... headerLines) {
		StringBuilder raw = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
		for (String line : headerLines) {
			raw.append(line).append("\r\n");
		}
		byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		raw.append("Content-Type: application/json\r\nContent-Length: ")
			.append(body.length)
			.append("\r\nConnection: close\r\n\r\n")
			.append(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
		return RawHttp.to(port).send(raw.toString());
	}

}
