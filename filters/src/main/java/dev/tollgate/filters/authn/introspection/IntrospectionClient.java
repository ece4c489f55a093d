package dev.tollgate.filters.authn.introspection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls an RFC 7662 introspection endpoint: {@code POST} of {@code token} as a form, client authentication by
 * {@code client_secret_basic} (RFC 6749 §2.3.1, id and secret form-encoded before Base64), non-blocking.
 */
public final class IntrospectionClient {

	private static final int MAX_BODY_BYTES = 64 * 1024;

	private final WebClient webClient;

	public IntrospectionClient(WebClient.Builder builder) {
		this.webClient = builder.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES)).build();
	}

	/** The parsed JSON answer, or an {@link IntrospectionException} / timeout error. */
	public Mono<Map<String, Object>> introspect(IntrospectionEndpoint endpoint, String token) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("token", token);
		form.add("token_type_hint", "access_token");
		return this.webClient.post()
			.uri(endpoint.uri())
			.header(HttpHeaders.AUTHORIZATION, basic(endpoint.clientId(), endpoint.clientSecret()))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData(form))
			.exchangeToMono((response) -> {
				if (!response.statusCode().is2xxSuccessful()) {
					return response.releaseBody()
						.then(Mono.error(new IntrospectionException("http_status",
								"introspection status " + response.statusCode().value())));
				}
				return response.bodyToMono(String.class)
					.switchIfEmpty(Mono.error(new IntrospectionException("malformed_response", "empty body")));
			})
			.timeout(endpoint.timeout())
			.map(IntrospectionClient::parse);
	}

	private static Map<String, Object> parse(String body) {
		try {
			return JSONObjectUtils.parse(body);
		}
		catch (ParseException ex) {
			throw new IntrospectionException("malformed_response", "introspection answer is not a JSON object");
		}
	}

	private static String basic(String clientId, String clientSecret) {
		String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

}
