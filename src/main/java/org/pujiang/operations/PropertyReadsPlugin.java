package org.pujiang.operations;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's SQL templates read their parameters' properties with the method found once per class and name, where
 * MyBatis's expression language (OGNL) looked for it at every read.
 * <p>
 * A condition of a template such as {@code <if test="query.isOrQueryActive">} names a method, not a bean property
 * ({@code isOrQueryActive()}, not {@code getIsOrQueryActive()}). OGNL keeps the getters it finds, but for such a name
 * it finds none and falls back to scanning every public method of the class, copying them all, at every read, and
 * keeps nothing. Camunda's task query has two such conditions, and its query class 310 public methods: in a
 * case's lifecycle on H2, worked as staff work in Tasklist, those scans were 13% of the CPU of the bare process and
 * 7% of a Pujiang case's, more than the task queries' own SQL; every task list and count Tasklist asks for made them.
 * The history queries have more ({@code query.isTenantIdSet}, {@code authCheck.isHistoricInstancePermissionsEnabled}).
 * <p>
 * The class and the name decide which method the scan finds, so this accessor keeps it, per class and name, and calls
 * it as OGNL would (after the same access check); a name with a bean getter, or with no method at all, goes to OGNL's
 * own accessor as before. It replaces OGNL's accessor for plain objects, which OGNL keeps per class once looked up, so
 * it is put in place before the engine runs its first statement; MyBatis's own accessors (its context, maps, lists)
 * are untouched.
 */
@Component
class PropertyReadsPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		install();
	}

	/** Puts {@link KeptReadMethods} in place for plain objects, once in the JVM (OGNL's accessors are its own). */
	static synchronized void install() {
		try {
			if (!(OgnlRuntime.getPropertyAccessor(Object.class) instanceof KeptReadMethods)) {
				OgnlRuntime.setPropertyAccessor(Object.class, new KeptReadMethods());
			}
		}
		catch (OgnlException ex) {
			throw new IllegalStateException("OGNL's accessor for objects could not be looked up", ex);
		}
	}

	/** OGNL's accessor for plain objects, with the methods it finds by name alone kept. */
	static final class KeptReadMethods extends ObjectPropertyAccessor {

		/** For each class, by name: the method OGNL's scan finds, or empty where a getter or nothing answers it. */
		private static final ClassValue<Map<String, Optional<Method>>> READ_METHODS = new ClassValue<>() {
			@Override
			protected Map<String, Optional<Method>> computeValue(Class<?> type) {
				return new ConcurrentHashMap<>();
			}
		};

		@Override
		public Object getPossibleProperty(OgnlContext context, Object target, String name) throws OgnlException {
			Method read = target == null ? null : readMethod(target.getClass(), name);
			if (read == null || !context.getMemberAccess().isAccessible(context, target, read, name)) {
				return super.getPossibleProperty(context, target, name);
			}
			try {
				return OgnlRuntime.invokeMethod(target, read, OgnlRuntime.NoArguments);
			}
			catch (InvocationTargetException ex) {
				throw new OgnlException(name, ex.getTargetException());
			}
			catch (IllegalAccessException ex) {
				throw new OgnlException(name, ex);
			}
		}

		/** Whether OGNL has read {@code name} of an object of {@code type} through this accessor (or it was asked). */
		static boolean asked(Class<?> type, String name) {
			return READ_METHODS.get(type).containsKey(name);
		}

		/** The method OGNL reads {@code name} of {@code type} with when the class has no getter of that name. */
		static Method readMethod(Class<?> type, String name) {
			return READ_METHODS.get(type)
				.computeIfAbsent(name, (key) -> OgnlRuntime.getGetMethod(type, key) != null ? Optional.empty()
						: Optional.ofNullable(OgnlRuntime.getReadMethod(type, key, null)))
				.orElse(null);
		}

	}

}
