package dev.tollgate.filters.upstream.exchange;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;

/** Turns validated {@link StsProperties} into immutable {@link StsProfile}s, loading signing keys once. */
public final class StsProfiles {

	private StsProfiles() {
	}

	/** @throws IllegalStateException naming the property when a key cannot be loaded or used */
	public static Map<String, StsProfile> from(StsProperties properties, Clock clock) {
		Map<String, StsProfile> profiles = new LinkedHashMap<>();
		properties.sts().forEach((name, sts) -> profiles.put(name, from(name, sts, clock)));
		return Map.copyOf(profiles);
	}

	static StsProfile from(String name, StsProperties.Sts sts, Clock clock) {
		String path = "tollgate.sts." + name;
		ClientAssertionSigner signer = null;
		ClientAuthentication authentication;
		switch (sts.clientAuth()) {
			case CLIENT_SECRET_BASIC -> authentication = new ClientAuthentication.SecretBasic(sts.clientId(),
					sts.clientSecret());
			case CLIENT_SECRET_POST -> authentication = new ClientAuthentication.SecretPost(sts.clientId(),
					sts.clientSecret());
			case PRIVATE_KEY_JWT -> {
				JWK key = SigningKeys.load(path + ".private-key", sts.privateKey(), sts.privateKeyId(),
						sts.keystorePassword());
				JWSAlgorithm algorithm = SigningKeys.algorithm(path + ".signing-algorithm", key,
						sts.signingAlgorithm());
				// RFC 7523 §3: the token endpoint URL is a value the authorization server must accept as audience.
				signer = new ClientAssertionSigner(sts.clientId(), sts.tokenUri().toString(), key, algorithm,
						sts.assertionTtl(), clock);
				authentication = new ClientAuthentication.PrivateKeyJwt(sts.clientId(), signer);
			}
			default -> throw new IllegalStateException(path + ".client-auth is not supported");
		}
		List<String> actorScopes = (sts.actorScopes() != null) ? sts.actorScopes() : List.of();
		return new StsProfile(name, sts.tokenUri(), sts.clientId(), authentication, signer, sts.timeout(),
				sts.cacheMaxSize(), sts.refreshMargin(), sts.negativeCacheTtl(), sts.retryAfter(),
				sts.actorToken(), actorScopes, sts.retryOnUpstream401());
	}

}
