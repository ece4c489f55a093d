package dev.tollgate.filters.authn;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CredentialExtractorTests {

	private final CredentialExtractor extractor = new CredentialExtractor("X-API-Key");

	@Test
	void extractWhenNoCredentialThenNull() {
		assertThat(this.extractor.extract(MockServerHttpRequest.get("/orders").build())).isNull();
	}

	@Test
	void extractWhenBearerSchemeInAnyCaseThenToken() {
		InboundCredential credential = this.extractor
			.extract(MockServerHttpRequest.get("/").header("Authorization", "bearer abc.def-ghi_~+/==").build());

		assertThat(credential.kind()).isEqualTo(CredentialKind.JWT);
		assertThat(credential.value()).isEqualTo("abc.def-ghi_~+/==");
		assertThat(credential.toString()).doesNotContain("abc");
	}

	@Test
	void extractWhenApiKeyHeaderThenApiKey() {
		InboundCredential credential = this.extractor
			.extract(MockServerHttpRequest.get("/").header("x-api-key", "tg_key").build());

		assertThat(credential.kind()).isEqualTo(CredentialKind.API_KEY);
	}

	@Test
	void extractWhenBearerAndApiKeyThen400InvalidRequest() {
		CallerFault fault = fault(MockServerHttpRequest.get("/")
			.header("Authorization", "Bearer abc")
			.header("X-API-Key", "k")
			.build());

		assertThat(fault.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fault.error()).isEqualTo(CallerFault.BearerError.INVALID_REQUEST);
	}

	@Test
	void extractWhenTwoAuthorizationHeadersThen400InvalidRequestRfc6750Section3_1() {
		CallerFault fault = fault(MockServerHttpRequest.get("/")
			.header("Authorization", "Bearer abc", "Bearer def")
			.build());

		assertThat(fault.status()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void extractWhenAccessTokenInQueryThen400RefusedRfc6750Section2_3() {
		CallerFault fault = fault(MockServerHttpRequest.get("/orders?access_token=abc").build());

		assertThat(fault.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fault.reason()).isEqualTo("credential_in_query");
	}

	@Test
	void extractWhenApiKeyInQueryThen400Refused() {
		assertThat(fault(MockServerHttpRequest.get("/orders?api_key=tg_x").build()).reason())
			.isEqualTo("credential_in_query");
		assertThat(fault(MockServerHttpRequest.get("/orders?X-API-Key=tg_x").build()).reason())
			.isEqualTo("credential_in_query");
	}

	@Test
	void extractWhenApiKeyHeaderSpelledWithUnderscoreThen400NeverReadAsTheKey() {
		for (String variant : new String[] { "X_API_Key", "x-api_key", "X_API_KEY" }) {
			CallerFault fault = fault(MockServerHttpRequest.get("/").header(variant, "tg_key").build());

			assertThat(fault.status()).as(variant).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(fault.reason()).as(variant).isEqualTo("api_key_header_variant");
		}
	}

	@Test
	void extractWhenBearerAndApiKeyHeaderVariantThen400() {
		CallerFault fault = fault(MockServerHttpRequest.get("/")
			.header("Authorization", "Bearer abc")
			.header("x_api_key", "tg_key")
			.build());

		assertThat(fault.reason()).isEqualTo("api_key_header_variant");
	}

	@Test
	void extractWhenCredentialClassInQueryThen400() {
		for (String query : new String[] { "%61ccess_token=x", "Access-Token=x", "client_secret=x", "apiKey=x",
				"q=1;token=x", "id=eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln" }) {
			// A URI as sent: MockServerHttpRequest.get(String) would re-encode the query.
			CallerFault fault = fault(MockServerHttpRequest.method(HttpMethod.GET, URI.create("/orders?" + query))
				.build());

			assertThat(fault).as(query).isNotNull();
			assertThat(fault.reason()).as(query).isEqualTo("credential_in_query");
		}
	}

	@Test
	void extractWhenLegitimateTokenLikeParamsThenNoFault() {
		assertThat(this.extractor.extract(MockServerHttpRequest.get("/orders?page_token=abc&next_key=2").build()))
			.isNull();
	}

	@Test
	void extractWhenBearerValueNotB64TokenThenInvalidTokenRfc6750Section2_1() {
		CallerFault fault = fault(MockServerHttpRequest.get("/").header("Authorization", "Bearer a b").build());

		assertThat(fault.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(fault.error()).isEqualTo(CallerFault.BearerError.INVALID_TOKEN);
	}

	@Test
	void isB64TokenWhenRfc6750GrammarThenOnlyTrailingPaddingAllowed() {
		assertThat(CredentialExtractor.isB64Token("abc.DEF-123_~+/==")).isTrue();
		assertThat(CredentialExtractor.isB64Token("=")).isFalse();
		assertThat(CredentialExtractor.isB64Token("ab=c")).isFalse();
		assertThat(CredentialExtractor.isB64Token("ab c")).isFalse();
		assertThat(CredentialExtractor.isB64Token("ab\u00e9")).isFalse();
		assertThat(CredentialExtractor.isB64Token("")).isFalse();
	}

	@Test
	void extractWhenTokenHugeThenInvalidTokenWithoutParsing() {
		String huge = "a".repeat(100_000);
		CallerFault fault = fault(MockServerHttpRequest.get("/").header("Authorization", "Bearer " + huge).build());

		assertThat(fault.reason()).isEqualTo("malformed");
	}

	@Test
	void extractWhenBasicSchemeThenInvalidToken() {
		CallerFault fault = fault(MockServerHttpRequest.get("/").header("Authorization", "Basic dXNlcjpwYXNz").build());

		assertThat(fault.reason()).isEqualTo("unsupported_scheme");
	}

	@Test
	void extractWhenDpopSchemeThenTokenMarkedDpop_rfc9449_7_1() {
		InboundCredential credential = this.extractor
			.extract(MockServerHttpRequest.get("/").header("Authorization", "DPoP abc.def.ghi").build());

		assertThat(credential.value()).isEqualTo("abc.def.ghi");
		assertThat(credential.dpopScheme()).isTrue();
	}

	@Test
	void extractWhenBearerSchemeThenNotDpop() {
		InboundCredential credential = this.extractor
			.extract(MockServerHttpRequest.get("/").header("Authorization", "Bearer abc").build());

		assertThat(credential.dpopScheme()).isFalse();
	}

	private CallerFault fault(MockServerHttpRequest request) {
		return catchThrowableOfType(CallerFault.class, () -> this.extractor.extract(request));
	}

}
