package dev.tollgate.filters.upstream.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenResponsesTests {

	private static final String ISSUED = "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"";

	@Test
	void parseSuccessWhenCompleteExchangeAnswerThenToken() {
		IssuedToken token = parse("{\"access_token\":\"eyJ.a-b_c.d~e+f/g=\",\"token_type\":\"Bearer\","
				+ "\"expires_in\":300," + ISSUED + "}", true);

		assertThat(token.accessToken()).isEqualTo("eyJ.a-b_c.d~e+f/g=");
		assertThat(token.expiresIn()).isEqualTo(Duration.ofMinutes(5));
		assertThat(token.toString()).doesNotContain("eyJ");
	}

	@Test
	void parseSuccessWhenTokenTypeIsNotApplicableThenAccepted() {
		// RFC 8693 §2.2.1: token_type N_A when the issued token is not an OAuth access token.
		assertThat(parse("{\"access_token\":\"abc\",\"token_type\":\"N_A\"," + ISSUED + "}", true)).isNotNull();
	}

	@Test
	void parseSuccessWhenExpiresInIsADigitStringThenAccepted() {
		IssuedToken token = parse("{\"access_token\":\"abc\",\"token_type\":\"bearer\",\"expires_in\":\"60\"," + ISSUED
				+ "}", true);

		assertThat(token.expiresIn()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void parseSuccessWhenIssuedTokenTypeMissingOnExchangeThenRejected() {
		// RFC 8693 §2.2.1: issued_token_type is REQUIRED.
		assertThat(parse("{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}", true)).isNull();
		assertThat(parse("{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}", false)).isNotNull();
	}

	@Test
	void parseSuccessWhenIssuedTokenIsARefreshTokenThenRejected() {
		assertThat(parse("{\"access_token\":\"abc\",\"token_type\":\"Bearer\","
				+ "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:refresh_token\"}", true)).isNull();
	}

	@Test
	void parseSuccessWhenTokenWouldBreakTheHeaderThenRejected() {
		// RFC 6750 §2.1 b64token: no spaces, CR or LF, so nothing can be smuggled into the upstream request.
		assertThat(parse("{\"access_token\":\"abc\\r\\nX-Admin: 1\",\"token_type\":\"Bearer\"," + ISSUED + "}", true))
			.isNull();
		assertThat(parse("{\"access_token\":\"a b\",\"token_type\":\"Bearer\"," + ISSUED + "}", true)).isNull();
		assertThat(parse("{\"access_token\":\"\",\"token_type\":\"Bearer\"," + ISSUED + "}", true)).isNull();
	}

	@Test
	void parseSuccessWhenTokenTypeIsDpopThenRejected() {
		assertThat(parse("{\"access_token\":\"abc\",\"token_type\":\"DPoP\"," + ISSUED + "}", true)).isNull();
	}

	@Test
	void parseSuccessWhenAccessTokenHasWrongJsonTypeThenRejected() {
		assertThat(parse("{\"access_token\":42,\"token_type\":\"Bearer\"," + ISSUED + "}", true)).isNull();
		assertThat(parse("{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":-5," + ISSUED + "}", true))
			.isNull();
	}

	@Test
	void parseSuccessWhenBodyIsNotAJsonObjectThenRejected() {
		assertThat(parse("<html>502 Bad Gateway</html>", true)).isNull();
		assertThat(parse("[\"access_token\"]", true)).isNull();
		assertThat(parse("", true)).isNull();
		assertThat(parse("[".repeat(5000), true)).isNull();
	}

	@Test
	void errorCodeWhenRfc6749ErrorThenCodeElseNull() {
		assertThat(TokenResponses.errorCode(bytes("{\"error\":\"invalid_target\",\"error_description\":\"x\"}")))
			.isEqualTo("invalid_target");
		assertThat(TokenResponses.errorCode(bytes("{\"error\":\"Invalid Target!\"}"))).isNull();
		assertThat(TokenResponses.errorCode(bytes("not json"))).isNull();
	}

	private static IssuedToken parse(String body, boolean exchange) {
		return TokenResponses.parseSuccess(bytes(body), exchange);
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

}
