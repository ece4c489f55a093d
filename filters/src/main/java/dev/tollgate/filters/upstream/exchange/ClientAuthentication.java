package dev.tollgate.filters.upstream.exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/** How the gateway proves its own identity on each token-endpoint request. Never logs what it adds. */
sealed interface ClientAuthentication {

	/** Adds the client's credentials to an outgoing token request. */
	void apply(HttpHeaders headers, MultiValueMap<String, String> form);

	/** RFC 6749 §2.3.1: HTTP Basic over the form-urlencoded id and secret. */
	record SecretBasic(String clientId, String clientSecret) implements ClientAuthentication {

		@Override
		public void apply(HttpHeaders headers, MultiValueMap<String, String> form) {
			// RFC 6749 §2.3.1 requires form-encoding before Base64; plain setBasicAuth would mangle ':' and '%'.
			String pair = encode(this.clientId) + ":" + encode(this.clientSecret);
			headers.set(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return "SecretBasic[" + this.clientId + "]";
		}

	}

	/** RFC 6749 §2.3.1: {@code client_id} and {@code client_secret} as form parameters. */
	record SecretPost(String clientId, String clientSecret) implements ClientAuthentication {

		@Override
		public void apply(HttpHeaders headers, MultiValueMap<String, String> form) {
			form.set("client_id", this.clientId);
			form.set("client_secret", this.clientSecret);
		}

		@Override
		public String toString() {
			return "SecretPost[" + this.clientId + "]";
		}

	}

	/** RFC 7523 §2.2: a freshly signed JWT assertion per request. */
	record PrivateKeyJwt(String clientId, ClientAssertionSigner signer) implements ClientAuthentication {

		@Override
		public void apply(HttpHeaders headers, MultiValueMap<String, String> form) {
			form.set("client_id", this.clientId);
			form.set("client_assertion_type", ClientAssertionSigner.ASSERTION_TYPE);
			form.set("client_assertion", this.signer.sign());
		}

		@Override
		public String toString() {
			return "PrivateKeyJwt[" + this.clientId + "]";
		}

	}

}
