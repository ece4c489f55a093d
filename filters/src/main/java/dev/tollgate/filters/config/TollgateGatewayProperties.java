package dev.tollgate.filters.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Gateway-wide settings shared by every stage ({@code tollgate.gateway.*}). */
@ConfigurationProperties("tollgate.gateway")
public class TollgateGatewayProperties {

	/** Realm named in every {@code WWW-Authenticate} challenge (RFC 6750 §3). */
	private String realm = "tollgate";

	/**
	 * The gateway's externally visible base URL, e.g. {@code https://gateway.example.com}. Used for RFC 9728
	 * {@code resource_metadata} links and metadata documents. Unset: derived from each request's URI.
	 */
	private String publicBaseUrl;

	/**
	 * Further inbound headers to remove from every request, before routing, in addition to the default identity
	 * headers ({@code IdentityHeaderDefaults}: the gateway's own {@code X-Tollgate-*}, remote-user, forwarded-user,
	 * auth-request, consumer, cloud identity and generic user/role/scope headers). Matched ignoring case, with
	 * {@code _} and {@code -} treated alike; a name ending in {@code *} is a prefix, e.g. {@code X-Internal-*}.
	 */
	private List<String> stripHeaders = new ArrayList<>();

	public String getRealm() {
		return this.realm;
	}

	public void setRealm(String realm) {
		this.realm = realm;
	}

	public String getPublicBaseUrl() {
		return this.publicBaseUrl;
	}

	public void setPublicBaseUrl(String publicBaseUrl) {
		this.publicBaseUrl = publicBaseUrl;
	}

	public List<String> getStripHeaders() {
		return this.stripHeaders;
	}

	public void setStripHeaders(List<String> stripHeaders) {
		this.stripHeaders = stripHeaders;
	}

}
