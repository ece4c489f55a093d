package dev.tollgate.filters.binding.dpop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9449 §4.3 check 9: {@code htu} compared after RFC 3986 §6.2.2 and §6.2.3 normalisation. */
class HttpTargetUriTests {

	@Test
	void normalizeWhenCaseAndDefaultPortDifferThenSame_rfc3986_6_2_2_1_and_6_2_3() {
		assertThat(HttpTargetUri.normalize("HTTPS://Gateway.Example.COM:443/orders"))
			.isEqualTo("https://gateway.example.com/orders");
		assertThat(HttpTargetUri.normalize("http://gw.test:80/a")).isEqualTo("http://gw.test/a");
	}

	@Test
	void normalizeWhenQueryAndFragmentThenDropped_rfc9449_4_3() {
		assertThat(HttpTargetUri.normalize("https://gw.test/a?b=c#d")).isEqualTo("https://gw.test/a");
	}

	@Test
	void normalizeWhenEmptyPathThenSlash_rfc3986_6_2_3() {
		assertThat(HttpTargetUri.normalize("https://gw.test")).isEqualTo("https://gw.test/");
	}

	@Test
	void normalizeWhenPercentEncodingsThenUnreservedDecodedOthersUpperCase_rfc3986_6_2_2_2() {
		assertThat(HttpTargetUri.normalize("https://gw.test/%7euser/%2f%41")).isEqualTo("https://gw.test/~user/%2FA");
	}

	@Test
	void normalizeWhenDotSegmentsThenRemoved_rfc3986_6_2_2_3() {
		assertThat(HttpTargetUri.normalize("https://gw.test/a/./b/../c")).isEqualTo("https://gw.test/a/c");
	}

	@Test
	void normalizeWhenOtherPortThenKept() {
		assertThat(HttpTargetUri.normalize("https://gw.test:8443/a")).isEqualTo("https://gw.test:8443/a");
	}

	@Test
	void normalizeWhenNotAbsoluteHttpUrlThenNull() {
		assertThat(HttpTargetUri.normalize("/orders")).isNull();
		assertThat(HttpTargetUri.normalize("ftp://gw.test/a")).isNull();
		assertThat(HttpTargetUri.normalize("https://user@gw.test/a")).isNull();
		assertThat(HttpTargetUri.normalize("https://gw.test/%zz")).isNull();
	}

}
