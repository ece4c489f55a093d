package dev.tollgate.perf.load;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedTokenTests {

	static String jwt(String claimsJson) {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		return b64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
	}

	@Test
	void describeWhenJwtThenIssuerAudienceAndClientButNeverTheToken() {
		// {"iss":"https://gateway.perf","aud":"orders-api","client_id":"perf-client-00000","sub":"perf-client-00000"}
		String token = jwt("{\"iss\":\"https://gateway.perf\",\"aud\":\"orders-api\",\"client_id\":\"perf-client-00000\","
				+ "\"sub\":\"perf-client-00000\"}");

		String description = ForwardedToken.describe("Bearer " + token);

		assertThat(description).isEqualTo("a JWT with iss=https://gateway.perf, aud=orders-api, "
				+ "client_id=perf-client-00000, sub=perf-client-00000");
		assertThat(description).doesNotContain(token.substring(0, 10));
	}

	@Test
	void describeWhenNotAJwtThenSaysSo() {
		assertThat(ForwardedToken.describe("")).isEqualTo("no Authorization header");
		assertThat(ForwardedToken.describe("Basic dXNlcjpwYXNz")).isEqualTo("a non-bearer Authorization header");
		assertThat(ForwardedToken.describe("Bearer opaque-123")).isEqualTo("an opaque bearer token");
		assertThat(ForwardedToken.describe("Bearer a.!!!.c")).isEqualTo("a bearer token that is not a readable JWT");
	}

}
