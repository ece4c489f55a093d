package dev.tollgate.filters.observe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Meter;

/**
 * Meters by their tag values, registered once. Building a meter id and looking it up in the registry on every
 * request costs more than the decision it counts; a lookup by a small record of tag values does not. Only for
 * bounded tags (route, stage, outcome, reason...), so the map is bounded too.
 *
 * @param <K> the tag values, usually a record
 * @param <M> the meter type
 */
public final class MeterCache<K, M extends Meter> {

	private final Map<K, M> meters = new ConcurrentHashMap<>();

	private final Function<K, M> register;

	/** @param register builds and registers the meter for tag values seen the first time */
	public MeterCache(Function<K, M> register) {
		this.register = register;
	}

	public M get(K tags) {
		M meter = this.meters.get(tags);
		return (meter != null) ? meter : this.meters.computeIfAbsent(tags, this.register);
	}

}
