package dev.tollgate.app.edge;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9110 §7.6.1 at the edge, over a raw socket: the fields a caller's {@code Connection} nominates are removed
 * before anything reads the request, and nothing nominated can remove what the gateway itself sets on the upstream
 * request. ({@link RawHttp#request} always adds its own {@code Connection: close} line, so every request here also
 * carries a duplicate {@code Connection} header.)
 */
class HopByHopEdgeTests extends EdgeGateway {

	@Test
	void requestWhenConnectionNominatesAuthorizationThenCredentialGoneBeforeAuthentication401Rfc9110Section7_6_1() {
		RawHttp.Response response = raw().request("GET", "/orders/1", "Authorization: Bearer " + token(),
				"Connection: Authorization");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).doesNotContain("error=");
	}

	@Test
	void requestWhenConnectionNominatesApiKeyHeaderThen401() {
		RawHttp.Response response = raw().request("GET", "/orders/1", "X-API-Key: " + apiKey(),
				"Connection: X-API-Key");

		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void requestWhenNominationsTargetGatewaySetHeadersThenUpstreamStillGetsThem() {
		RawHttp.Response response = raw().request("GET", "/orders/1", "X-API-Key: " + apiKey(),
				"X-Correlation-Id: caller-1", "Connection: authorization, X-Correlation-Id",
				"Connection: x-forwarded-for ,Forwarded,\tX-Forwarded-Host, traceparent");

		Map<String, List<String>> upstream = upstreamHeaders(response);
		// The minted token survives the nomination of Authorization.
		assertThat(values(upstream, "Authorization")).singleElement().asString().startsWith("Bearer ey");
		// The caller's nominated correlation id is gone; the gateway's own reaches the upstream and the caller.
		assertThat(values(upstream, "X-Correlation-Id")).containsExactly(response.header("X-Correlation-Id"))
			.doesNotContain("caller-1");
		assertThat(values(upstream, "X-Forwarded-For")).singleElement().asString().contains("127.0.0.1");
		assertThat(values(upstream, "X-API-Key")).isEmpty();
	}

	@Test
	void requestWhenHeaderValueCarriesC1ControlThen400InvalidHeaderBeforeAnyRoute() {
		// Byte 0x85 (NEL): Reactor Netty passes it, the firewall's header-value rule refuses it.
		RawHttp.Response response = raw().request("GET", "/orders/1", "X-API-Key: " + apiKey(), "X-Note: a\u0085b");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("invalid-header");
	}

	@Test
	void requestWhenHeaderValueCarriesTabOrLatin1TextThenForwardedAsSent() {
		RawHttp.Response response = raw().request("GET", "/orders/1", "X-API-Key: " + apiKey(), "X-Note: a\tb",
				"X-Label: caf\u00e9");

		assertThat(response.status()).isEqualTo(200);
		Map<String, List<String>> upstream = upstreamHeaders(response);
		assertThat(values(upstream, "X-Note")).containsExactly("a\tb");
		assertThat(values(upstream, "X-Label")).singleElement().asString().startsWith("caf");
	}

	@Test
	void requestWhenNoCorrelationIdThenUpstreamGetsTheOneTheCallerGetsBack() {
		RawHttp.Response response = raw().request("GET", "/orders/1", "X-API-Key: " + apiKey());

		assertThat(response.header("X-Correlation-Id")).isNotBlank();
		assertThat(values(upstreamHeaders(response), "X-Correlation-Id"))
			.containsExactly(response.header("X-Correlation-Id"));
	}

	@Test
	void requestWhenCorrelationIdSentTwiceThenUpstreamGetsOnlyTheOneTaken() {
		RawHttp.Response response = raw().request("GET", "/orders/1", "X-API-Key: " + apiKey(),
				"X-Correlation-Id: caller-1", "x-correlation-id: caller-2");

		assertThat(response.header("X-Correlation-Id")).isEqualTo("caller-1");
		assertThat(values(upstreamHeaders(response), "X-Correlation-Id")).containsExactly("caller-1");
	}

	@Test
	void requestWhenCorrelationIdMalformedThenReplacedUpstreamAndInAnswer() {
		RawHttp.Response response = raw().request("GET", "/orders/1", "X-API-Key: " + apiKey(),
				"X-Correlation-Id: not safe<script>");

		assertThat(response.header("X-Correlation-Id")).isNotBlank().doesNotContain("<");
		assertThat(values(upstreamHeaders(response), "X-Correlation-Id"))
			.containsExactly(response.header("X-Correlation-Id"));
	}

	@Test
	void requestWhenConnectionNominatesUnderscoreSpellingThenExactFieldKeptAndAuthenticates() {
		RawHttp.Response response = raw().request("GET", "/orders/1", "X-API-Key: " + apiKey(),
				"Connection: x_api_key");

		Map<String, List<String>> upstream = upstreamHeaders(response);
		assertThat(values(upstream, "Authorization")).singleElement().asString().startsWith("Bearer ey");
		assertThat(upstream.keySet()).noneMatch(h -> h.replace('_', '-').equalsIgnoreCase("x-api-key"));
	}

	@Test
	void requestWhenDuplicateConnectionHeadersThenEveryNominationRemoved() {
		RawHttp.Response response = raw().request("GET", "/open/1", "Authorization: Bearer abc", "Cookie: a=b",
				"X-Custom: 1", "X-Other: 2", "X-Kept: 3", "Connection: keep-alive, COOKIE", "connection:  x-custom ,, ",
				"CONNECTION: X-Other");

		Map<String, List<String>> upstream = upstreamHeaders(response);
		assertThat(values(upstream, "Authorization")).containsExactly("Bearer abc");
		assertThat(values(upstream, "X-Kept")).containsExactly("3");
		assertThat(values(upstream, "Cookie")).isEmpty();
		assertThat(values(upstream, "X-Custom")).isEmpty();
		assertThat(values(upstream, "X-Other")).isEmpty();
	}

	@Test
	void requestWhenStandardHopByHopHeadersThenNoneReachUpstreamRfc9110Section7_6_1() {
		RawHttp.Response response = raw().request("GET", "/open/1", "Keep-Alive: timeout=5", "Proxy-Connection: close",
				"TE: trailers", "Trailer: X-Sum", "Upgrade: h2c", "Proxy-Authorization: Basic eDp5");

		Map<String, List<String>> upstream = upstreamHeaders(response);
		for (String name : List.of("Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade",
				"Proxy-Authorization")) {
			assertThat(values(upstream, name)).as(name).isEmpty();
		}
		assertThat(values(upstream, "Connection")).doesNotContain("close").allMatch(v -> !v.contains("Upgrade"));
	}

	@Test
	void requestWhenConnectionCloseAlsoNominatesAuthorizationThenStillClosesAfterAnswering() {
		try (RawHttp.Connection connection = raw().open()) {
			connection.write("GET /orders/1 HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + apiKey()
					+ "\r\nConnection: close, Authorization\r\n\r\n");

			RawHttp.Response response = connection.read();

			assertThat(values(upstreamHeaders(response), "Authorization")).singleElement()
				.asString()
				.startsWith("Bearer ey");
			assertThat(connection.closedByPeer()).isTrue();
		}
	}

	@Test
	void requestWhenKeepAliveConnectionNominatesAuthorizationThenConnectionStaysUsable() {
		try (RawHttp.Connection connection = raw().open()) {
			String request = "GET /orders/1 HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + apiKey()
					+ "\r\nConnection: keep-alive, Authorization\r\n\r\n";

			assertThat(connection.write(request).read().status()).isEqualTo(200);
			assertThat(connection.write(request).read().status()).isEqualTo(200);
		}
	}

	@Test
	void requestWhenConnectionNominatesHostOrFramingThen400Rfc9110Section7_6_1() {
		for (String field : List.of("Host", "content-length", "Transfer-Encoding")) {
			RawHttp.Response response = raw().request("GET", "/open/1", "Connection: " + field);

			assertThat(response.status()).as(field).isEqualTo(400);
			assertThat(response.body()).as(field).contains("connection-nominates-framing");
		}
	}

}
