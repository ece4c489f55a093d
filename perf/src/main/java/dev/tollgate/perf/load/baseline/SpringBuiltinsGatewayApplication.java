package dev.tollgate.perf.load.baseline;

import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.TokenExchangeReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The same job done with what Spring offers, configured the way its documentation shows:
 * <ul>
 * <li>Spring Security {@code oauth2ResourceServer().jwt()}: RS256 signature against the issuer's JWKS and Spring
 * Security's RFC 9068 validator set ({@code JwtValidators.createAtJwtValidator()}: {@code typ at+jwt}, {@code iss},
 * {@code aud}, {@code exp}/{@code nbf} ...; Boot's properties alone would demand {@code typ JWT} and refuse the
 * authorization server's {@code at+jwt} tokens), then the route's scope ({@code SCOPE_orders:read} authority);
 * stateless, no session, no CSRF (API clients).</li>
 * <li>Spring Cloud Gateway {@code RequestRateLimiter} with {@code RedisRateLimiter}, keyed by
 * {@code PrincipalNameKeyResolver} (the token's {@code sub}, the client id for client-credentials tokens).</li>
 * <li>{@code TokenRelay=sts}: Spring Cloud Gateway's way of passing a token on. Its plain form relays the token of
 * an OAuth2 <em>login</em>, which API callers do not have; with a registration id it asks the
 * {@link ReactiveOAuth2AuthorizedClientManager} for that registration's token for the current principal. Registered
 * with Spring Security's RFC 8693 {@link TokenExchangeReactiveOAuth2AuthorizedClientProvider} and the in-memory
 * authorized-client service, that is an exchange of the caller's JWT at the authorization server, cached per
 * principal until it expires: Spring's counterpart of Tollgate's exchange with a warm cache.</li>
 * </ul>
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SpringBuiltinsGatewayApplication {

	/** Client registration id of the token-exchange client ({@code TokenRelay=sts}). */
	public static final String REGISTRATION = "sts";

	/** Property naming the scope the route requires. */
	public static final String REQUIRED_SCOPE_PROPERTY = "perf.required-scope";

	static final List<String> EXCLUDED = List.of("dev.tollgate.");

	public static void main(String[] args) {
		BaselineLauncher.run(SpringBuiltinsGatewayApplication.class, EXCLUDED, args);
	}

	@Bean
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, @Value("${" + REQUIRED_SCOPE_PROPERTY + "}") String scope) {
		return http.authorizeExchange(e -> e.anyExchange().hasAuthority("SCOPE_" + scope))
			.oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.build();
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
			@Value("${spring.security.oauth2.resourceserver.jwt.audiences[0]}") String audience) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		// The builder insists on a client_id check; any client may call this route, so the claim must be present.
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(issuer)
			.audience(audience)
			.validators(v -> v.put("client_id", new JwtClaimValidator<String>("client_id", Objects::nonNull)))
			.build());
		return decoder;
	}

	@Bean
	ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
			ReactiveOAuth2AuthorizedClientService authorizedClients) {
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.provider(new TokenExchangeReactiveOAuth2AuthorizedClientProvider())
			.build());
		return manager;
	}

}
