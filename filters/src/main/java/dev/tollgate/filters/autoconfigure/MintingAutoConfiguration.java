package dev.tollgate.filters.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.upstream.mint.MintingProperties;
import dev.tollgate.filters.upstream.mint.SigningKeyRing;
import dev.tollgate.filters.upstream.mint.TokenMinter;

/** The gateway's own issuer: signing keys, the minter and {@code /.well-known/jwks.json}. */
@AutoConfiguration
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(MintingProperties.class)
public class MintingAutoConfiguration {

	/** Where upstreams fetch the public keys of minted tokens. */
	public static final String JWKS_PATH = "/.well-known/jwks.json";

	@Bean
	@ConditionalOnMissingBean
	public Clock tollgateClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	public SigningKeyRing tollgateSigningKeyRing(MintingProperties properties, Clock clock) {
		return (properties.signingKeys() != null) ? SigningKeyRing.fromResource(clock, properties.signingKeys())
				: SigningKeyRing.generated(clock, properties.algorithm(), properties.rotationInterval(),
						properties.ttl());
	}

	@Bean
	@ConditionalOnMissingBean
	public TokenMinter tollgateTokenMinter(SigningKeyRing keys, MintingProperties properties, Clock clock) {
		return new TokenMinter(keys, properties.issuer(), properties.ttl(), properties.refreshMargin(),
				properties.cacheMaxSize(), clock);
	}

	@Bean
	public RouterFunction<ServerResponse> tollgateJwksEndpoint(SigningKeyRing keys) {
		MediaType jwkSet = MediaType.parseMediaType("application/jwk-set+json");
		return RouterFunctions.route(RequestPredicates.GET(JWKS_PATH),
				request -> ServerResponse.ok()
					.contentType(jwkSet)
					.header("Cache-Control", "public, max-age=300")
					.bodyValue(keys.publicKeys().toString()));
	}

}
