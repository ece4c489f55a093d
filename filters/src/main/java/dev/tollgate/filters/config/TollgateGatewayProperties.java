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
	 * The gateway's externally visible base URL, e.g. {@code https://gateway.example.com}: an absolute http or https
	 * URL without user info, path, query or fragment (a trailing slash is dropped; scheme and host are lower-cased,
	 * a default port removed). The only source of absolute URLs the gateway hands out: RFC 9728
	 * {@code resource_metadata} in 401 challenges and {@code resource} in metadata documents, each route's
	 * {@code resource} being this URL plus the route's path, which the route also accepts as token audience. Never
	 * derived from {@code Host}, {@code X-Forwarded-*} or {@code Forwarded}. No default: required as soon as one route
	 * authenticates (startup fails naming this property); the demo sets {@code http://localhost:<server.port>}.
	 */
	private String publicBaseUrl;

	/**
	 * Further inbound headers to remove from every request before anything else runs, in addition to the identity
	 * headers the gateway sets itself. Matched ignoring case, with {@code _} and {@code -} treated alike.
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
