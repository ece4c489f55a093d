package dev.tollgate.filters.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON values (claims, introspection members, recorded cases) as CEL expects them: integers as {@code Long},
 * decimals as {@code Double}, objects as maps, arrays as lists. JSON {@code null} members are left out, so a policy
 * tests them with {@code has()} like a missing claim.
 */
final class CelValues {

	private CelValues() {
	}

	static Object of(Object value) {
		if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
				|| value instanceof Double) {
			return value;
		}
		if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof BigInteger big) {
			return (big.bitLength() < 64) ? (Object) big.longValue() : (Object) big.doubleValue();
		}
		if (value instanceof Float || value instanceof BigDecimal) {
			return ((Number) value).doubleValue();
		}
		if (value instanceof Map<?, ?> map) {
			return map(map);
		}
		if (value instanceof Iterable<?> items) {
			List<Object> list = new ArrayList<>();
			for (Object item : items) {
				Object converted = of(item);
				if (converted != null) {
					list.add(converted);
				}
			}
			return Collections.unmodifiableList(list);
		}
		return String.valueOf(value);
	}

	/**
	 * A view converting each value when it is read: a policy reading two claims of a token with twenty converts
	 * two, and nothing is copied per request.
	 */
	static Map<String, Object> map(Map<?, ?> map) {
		return new MapView(map);
	}

	/** Read-only; JSON {@code null} members are absent. */
	private static final class MapView extends AbstractMap<String, Object> {

		private final Map<?, ?> raw;

		private Set<Map.Entry<String, Object>> entries;

		MapView(Map<?, ?> raw) {
			this.raw = raw;
		}

		@Override
		public Object get(Object key) {
			return of(this.raw.get(key));
		}

		@Override
		public boolean containsKey(Object key) {
			return this.raw.get(key) != null;
		}

		@Override
		public Set<Map.Entry<String, Object>> entrySet() {
			if (this.entries == null) {
				Map<String, Object> converted = new LinkedHashMap<>();
				for (Map.Entry<?, ?> entry : this.raw.entrySet()) {
					Object value = of(entry.getValue());
					if (value != null) {
						converted.put(String.valueOf(entry.getKey()), value);
					}
				}
				this.entries = Collections.unmodifiableMap(converted).entrySet();
			}
			return this.entries;
		}

		@Override
		public int size() {
			return entrySet().size();
		}

	}

}
