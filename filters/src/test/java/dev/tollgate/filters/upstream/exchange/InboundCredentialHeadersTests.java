package dev.tollgate.filters.upstream.exchange;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class InboundCredentialHeadersTests {

	@Test
	void stripWhenCallerSentEveryKindOfCredentialThenOnlyOtherHeadersRemain() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("authorization", "Bearer caller-token");
		headers.add("Proxy-Authorization", "Basic x");
		headers.add("dpop", "proof");
		headers.add("Cookie", "session=1");
		headers.add("x-api-key", "tg_key");
		headers.add("Accept", "application/json");

		InboundCredentialHeaders.strip(headers, "X-API-Key");

		assertThat(headers.headerNames()).containsExactly("Accept");
	}

}
