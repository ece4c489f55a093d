package dev.tollgate.filters.upstream.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;

import org.springframework.core.io.Resource;

import dev.tollgate.filters.config.InvalidConfigurationException;

/** Loads the private key a {@code private_key_jwt} profile signs its client assertions with. */
final class SigningKeys {

	private SigningKeys() {
	}

	/**
	 * @param resource a JWK or JWK Set JSON file, or a PKCS#12/JKS keystore
	 * @param keyId the {@code kid} or alias to pick, or {@code null} for the only private key
	 * @param password the keystore password ({@code null} for JWK files)
	 * @throws InvalidConfigurationException naming what is wrong, never showing key material
	 */
	static JWK load(String property, Resource resource, String keyId, String password) {
		List<JWK> keys;
		try {
			keys = isKeystore(resource) ? fromKeystore(resource, password) : fromJson(resource);
		}
		catch (IOException | ParseException | java.security.GeneralSecurityException | JOSEException ex) {
			throw new InvalidConfigurationException(property, "could not be read as a JWK, JWK Set or keystore ("
					+ ex.getClass().getSimpleName() + ")");
		}
		List<JWK> candidates = keys.stream()
			.filter(JWK::isPrivate)
			.filter((k) -> keyId == null || keyId.equals(k.getKeyID()))
			.toList();
		if (candidates.size() != 1) {
			throw new InvalidConfigurationException(property, "must hold exactly one private key"
					+ ((keyId != null) ? " with id " + keyId : " (set private-key-id to choose one)") + "; found "
					+ candidates.size());
		}
		return candidates.get(0);
	}

	/** The configured algorithm, else the key's {@code alg}, else the usual algorithm for the key type. */
	static JWSAlgorithm algorithm(String property, JWK key, String configured) {
		if (configured != null && !configured.isBlank()) {
			JWSAlgorithm alg = JWSAlgorithm.parse(configured.trim());
			if (!JWSAlgorithm.Family.SIGNATURE.contains(alg)) {
				throw new InvalidConfigurationException(property, "must be an asymmetric JWS algorithm, not " + configured);
			}
			return alg;
		}
		if (key.getAlgorithm() != null) {
			return JWSAlgorithm.parse(key.getAlgorithm().getName());
		}
		if (KeyType.RSA.equals(key.getKeyType())) {
			return JWSAlgorithm.RS256;
		}
		if (key instanceof ECKey ec) {
			Curve curve = ec.getCurve();
			if (Curve.P_384.equals(curve)) {
				return JWSAlgorithm.ES384;
			}
			return Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES256;
		}
		if (KeyType.OKP.equals(key.getKeyType())) {
			return JWSAlgorithm.EdDSA;
		}
		throw new InvalidConfigurationException(property, "unsupported key type " + key.getKeyType());
	}

	private static boolean isKeystore(Resource resource) {
		String name = (resource.getFilename() != null) ? resource.getFilename().toLowerCase(Locale.ROOT) : "";
		return name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks");
	}

	private static List<JWK> fromJson(Resource resource) throws IOException, ParseException {
		String json;
		try (InputStream in = resource.getInputStream()) {
			json = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
		}
		// A JWK Set has "keys"; a bare JWK has "kty".
		return json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
	}

	private static List<JWK> fromKeystore(Resource resource, String password)
			throws IOException, java.security.GeneralSecurityException, JOSEException {
		char[] secret = (password != null) ? password.toCharArray() : new char[0];
		String name = resource.getFilename().toLowerCase(Locale.ROOT);
		KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
		try (InputStream in = resource.getInputStream()) {
			store.load(in, secret);
		}
		return JWKSet.load(store, (alias) -> secret).getKeys();
	}

}
