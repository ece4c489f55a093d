package dev.tollgate.filters.edge;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class HopByHopHeadersTests {

	@Test
	void planWhenNoHopByHopHeaderThenNothingToDo() {
		HttpHeaders headers = headers("Accept", "*/*", "Authorization", "Bearer x");

		assertThat(HopByHopHeaders.plan(HttpMethod.GET, headers).isEmpty()).isTrue();
	}

	@Test
	void planWhenConnectionNominatesFieldsThenTheyAndConnectionGoRfc9110Section7_6_1() {
		HttpHeaders headers = headers("Connection", "keep-alive, Authorization, x-correlation-id", "Authorization",
				"Bearer x", "X-Correlation-Id", "c1", "Accept", "*/*");

		apply(HttpMethod.GET, headers);

		assertThat(headers.headerNames()).containsExactly("Accept");
	}

	@Test
	void planWhenDuplicateConnectionHeadersOddSpacingAndCaseThenEveryNominationGoes() {
		HttpHeaders headers = headers("Connection", " close ,,\tAUTHORIZATION", "connection", "x-correlation-id ,",
				"Authorization", "Bearer x", "X-Correlation-ID", "c1", "Accept", "*/*");

		apply(HttpMethod.GET, headers);

		assertThat(headers.headerNames()).containsExactly("Accept");
	}

	@Test
	void planWhenStandardHopByHopFieldsThenRemovedWithoutNomination() {
		HttpHeaders headers = headers("Keep-Alive", "timeout=5", "Proxy-Connection", "keep-alive", "TE", "trailers",
				"Trailer", "X-Checksum", "Upgrade", "h2c", "Proxy-Authorization", "Basic eDp5", "Accept", "*/*");

		apply(HttpMethod.GET, headers);

		assertThat(headers.headerNames()).containsExactly("Accept");
	}

	@Test
	void planWhenNominationUsesUnderscoreThenOnlyThatSpellingGoes() {
		HttpHeaders headers = headers("Connection", "x_api_key", "X-API-Key", "k", "X_API_Key", "k2");

		apply(HttpMethod.GET, headers);

		assertThat(headers.headerNames()).containsExactly("X-API-Key");
	}

	@Test
	void planWhenWebSocketHandshakeThenUpgradeKeptAndConnectionReducedToUpgrade() {
		HttpHeaders headers = headers("Connection", "Upgrade, Authorization", "Upgrade", "websocket", "Authorization",
				"Bearer x", "Sec-WebSocket-Key", "k");

		apply(HttpMethod.GET, headers);

		assertThat(headers.getFirst("Upgrade")).isEqualTo("websocket");
		assertThat(headers.get("Connection")).containsExactly("Upgrade");
		assertThat(headers.containsHeader("Authorization")).isFalse();
	}

	@Test
	void planWhenUpgradeIsNotWebSocketOrNotGetThenUpgradeRemoved() {
		HttpHeaders h2c = headers("Connection", "Upgrade, HTTP2-Settings", "Upgrade", "h2c", "HTTP2-Settings", "x");
		apply(HttpMethod.GET, h2c);
		assertThat(h2c.headerNames()).isEmpty();

		HttpHeaders post = headers("Connection", "Upgrade", "Upgrade", "websocket");
		apply(HttpMethod.POST, post);
		assertThat(post.headerNames()).isEmpty();
	}

	@Test
	void planWhenConnectionNominatesFramingOrHostThenForbiddenRfc9110Section7_6_1() {
		for (String field : new String[] { "Host", "content-length", "Transfer-Encoding" }) {
			HttpHeaders headers = headers("Connection", "close, " + field);

			assertThat(HopByHopHeaders.plan(HttpMethod.GET, headers).forbiddenNomination()).as(field)
				.isEqualToIgnoringCase(field);
		}
	}

	private static void apply(HttpMethod method, HttpHeaders headers) {
		HopByHopHeaders.Plan plan = HopByHopHeaders.plan(method, headers);
		assertThat(plan.forbiddenNomination()).isNull();
		plan.applyTo(headers);
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

}
