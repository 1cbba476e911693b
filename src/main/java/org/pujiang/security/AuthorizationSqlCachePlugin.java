package org.pujiang.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.property.PropertyTokenizer;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.springframework.stereotype.Component;

/**
 * The SQL of the engine's authorization check built once for each shape of check instead of in every check.
 * <p>
 * Every claim, completion and form of a task asks Camunda's {@code isUserAuthorizedForResource} whether the user holds
 * the permission. Its statement is a MyBatis template of some 300 lines whose conditions and loops MyBatis evaluates
 * anew for each check, then parses the result for its parameters: in a case's lifecycle on H2 that was 17% of the
 * CPU (and 19% of the first Pujiang day's replay), more than the checks' own queries. Yet the SQL depends only on
 * the check's shape: its flags, how many groups the user has, and for each permission check whether a resource id
 * is given and is {@code *}, the query parameter and the answer when nothing is found. Everything else (the user,
 * the groups, the resource ids, permissions and resource types) is bound as parameters.
 * <p>
 * So the first check of a shape is built by MyBatis twice: for the check itself and for a probe of the same shape
 * made of new objects. The objects the probe's parameters are bound to tell, by identity, which part of a check
 * each parameter comes from. The check's statement is kept only if its SQL, parameters and their values are the same
 * as MyBatis's for the check itself; later checks of that shape take the kept SQL with their own objects bound.
 * A shape that does not hold this, or an unknown kind of check, goes to MyBatis each time. At most
 * {@link #SHAPES} shapes are kept; checks of further shapes go to MyBatis.
 */
@Component
class AuthorizationSqlCachePlugin extends AbstractProcessEnginePlugin {

	static final String STATEMENT = "org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity"
			+ ".isUserAuthorizedForResource";

	/** The most shapes kept; a bureau's engine sees a few dozen. */
	static final int SHAPES = 256;

	@Override
	public void postInit(ProcessEngineConfigurationImpl engine) {
		Configuration configuration = engine.getSqlSessionFactory().getConfiguration();
		if (configuration.getInterceptors().stream().anyMatch(AuthorizationStatements.class::isInstance)) {
			return; // a shared session factory, already done
		}
		if (!configuration.hasStatement(STATEMENT, false)) {
			throw new IllegalStateException("Camunda's mappers hold no " + STATEMENT);
		}
		configuration.addInterceptor(new AuthorizationStatements(configuration,
				configuration.getMappedStatement(STATEMENT, false)));
	}

	/** Runs Camunda's authorization check with its SQL as kept for the check's shape. */
	@Intercepts(@Signature(type = Executor.class, method = "query",
			args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class }))
	static final class AuthorizationStatements implements Interceptor {

		private final Configuration configuration;

		private final MappedStatement statement;

		private final ConcurrentMap<String, Shape> shapes = new ConcurrentHashMap<>();

		AuthorizationStatements(Configuration configuration, MappedStatement statement) {
			this.configuration = configuration;
			this.statement = statement;
		}

		@Override
		public Object intercept(Invocation invocation) throws Throwable {
			Object[] args = invocation.getArgs();
			if (args[0] != this.statement || !(args[1] instanceof AuthorizationCheck check)) {
				return invocation.proceed();
			}
			BoundSql sql = boundSql(check);
			if (sql == null) {
				return invocation.proceed();
			}
			Executor executor = (Executor) invocation.getTarget();
			RowBounds rowBounds = (RowBounds) args[2];
			CacheKey key = executor.createCacheKey(this.statement, check, rowBounds, sql);
			return executor.query(this.statement, check, rowBounds, (ResultHandler<?>) args[3], key, sql);
		}

		/** The check's SQL from its shape, or null where MyBatis is to build it. */
		BoundSql boundSql(AuthorizationCheck check) {
			String key = Shapes.key(check);
			if (key == null) {
				return null;
			}
			Shape shape = this.shapes.get(key);
			if (shape == null) {
				if (this.shapes.size() >= SHAPES) {
					return null; // full: MyBatis builds it, once, rather than learning a shape that is not kept
				}
				shape = learn(check);
				this.shapes.putIfAbsent(key, shape);
			}
			return shape.sql() == null ? null : shape.bind(this.configuration, check);
		}

		int shapesKept() {
			return this.shapes.size();
		}

		/** The shape of the check, as a probe of it shows and the check itself confirms. */
		private Shape learn(AuthorizationCheck check) {
			AuthorizationCheck probe = Shapes.probe(check);
			BoundSql probed = this.statement.getBoundSql(probe);
			List<ParameterMapping> mappings = probed.getParameterMappings();
			if (mappings.isEmpty()) {
				return Shape.UNKEPT;
			}
			List<Object> probeParts = Shapes.parts(probe);
			Map<String, Integer> roots = new LinkedHashMap<>();
			for (ParameterMapping mapping : mappings) {
				String root = new PropertyTokenizer(mapping.getProperty()).getName();
				if (roots.containsKey(root) || !probed.hasAdditionalParameter(root)) {
					continue; // taken from the check itself, as MyBatis does
				}
				Object value = probed.getAdditionalParameter(root);
				if (value == null) {
					roots.put(root, Shape.NULL);
					continue;
				}
				int found = -1;
				for (int i = 0; i < probeParts.size(); i++) {
					if (probeParts.get(i) == value) {
						if (found >= 0) {
							return Shape.UNKEPT;
						}
						found = i;
					}
				}
				if (found < 0) {
					return Shape.UNKEPT;
				}
				roots.put(root, found);
			}
			Shape shape = new Shape(probed.getSql(), List.copyOf(mappings), Map.copyOf(roots));
			BoundSql ours = shape.bind(this.configuration, check);
			BoundSql mybatis = this.statement.getBoundSql(check);
			return same(ours, mybatis, check) ? shape : Shape.UNKEPT;
		}

		/** The same SQL with the same parameters bound to the same values. */
		private boolean same(BoundSql ours, BoundSql mybatis, Object parameter) {
			if (!ours.getSql().equals(mybatis.getSql())
					|| ours.getParameterMappings().size() != mybatis.getParameterMappings().size()) {
				return false;
			}
			MetaObject meta = this.configuration.newMetaObject(parameter);
			for (int i = 0; i < ours.getParameterMappings().size(); i++) {
				ParameterMapping a = ours.getParameterMappings().get(i);
				ParameterMapping b = mybatis.getParameterMappings().get(i);
				if (!a.getProperty().equals(b.getProperty()) || a.getJdbcType() != b.getJdbcType()
						|| a.getJavaType() != b.getJavaType() || a.getMode() != b.getMode()
						|| a.getTypeHandler().getClass() != b.getTypeHandler().getClass()
						|| !Objects.equals(value(ours, meta, a.getProperty()), value(mybatis, meta, b.getProperty()))) {
					return false;
				}
			}
			return true;
		}

		/** A parameter's value, found as MyBatis's parameter handler finds it. */
		private static Object value(BoundSql sql, MetaObject parameter, String property) {
			return sql.hasAdditionalParameter(property) ? sql.getAdditionalParameter(property)
					: parameter.getValue(property);
		}

	}

	/**
	 * A shape's SQL and parameters, and for each parameter bound apart from the check the part of the check it is
	 * bound to, by its place among {@link Shapes#parts}.
	 */
	record Shape(String sql, List<ParameterMapping> mappings, Map<String, Integer> roots) {

		static final Shape UNKEPT = new Shape(null, List.of(), Map.of());

		/** The place of a parameter bound to null. */
		static final int NULL = -1;

		BoundSql bind(Configuration configuration, AuthorizationCheck check) {
			BoundSql bound = new BoundSql(configuration, this.sql, this.mappings, check);
			bound.setAdditionalParameter("_parameter", check);
			bound.setAdditionalParameter("_databaseId", configuration.getDatabaseId());
			if (!this.roots.isEmpty()) {
				List<Object> parts = Shapes.parts(check);
				this.roots.forEach((root, place) -> bound.setAdditionalParameter(root,
						place == NULL ? null : parts.get(place)));
			}
			return bound;
		}

	}

	/** The shapes of authorization checks, their probes and their parts. */
	static final class Shapes {

		private Shapes() {
		}

		/**
		 * Everything in a check that MyBatis's template can test, or null for a check of a kind not known here. Each
		 * field of the check goes in but those bound as parameters: the user's and groups' ids (only whether they
		 * are there, and how many), the resource ids (whether there, and whether {@code *}), permissions and
		 * resource types.
		 */
		static String key(AuthorizationCheck check) {
			if (check.getClass() != AuthorizationCheck.class) {
				return null;
			}
			StringBuilder key = new StringBuilder(64);
			key.append(check.isAuthorizationCheckEnabled() ? 'E' : 'e')
				.append(check.shouldPerformAuthorizatioCheck() ? 'P' : 'p')
				.append(check.isRevokeAuthorizationCheckEnabled() ? 'R' : 'r')
				.append(check.isHistoricInstancePermissionsEnabled() ? 'H' : 'h')
				.append(check.isUseLeftJoin() ? 'L' : 'l')
				.append(check.getAuthDefaultPerm())
				.append(check.getAuthUserId() == null ? 'n' : 'u');
			List<String> groups = check.getAuthGroupIds();
			if (groups == null) {
				key.append('n');
			}
			else {
				key.append('g').append(groups.size());
			}
			return composite(key, check.getPermissionChecks()) ? key.toString() : null;
		}

		private static boolean composite(StringBuilder key, CompositePermissionCheck composite) {
			if (composite == null) {
				key.append('n');
				return true;
			}
			if (composite.getClass() != CompositePermissionCheck.class) {
				return false;
			}
			key.append(composite.isDisjunctive() ? "(|" : "(&");
			List<PermissionCheck> atomics = composite.getAtomicChecks();
			if (atomics == null) {
				key.append('n');
			}
			else {
				key.append('[');
				for (PermissionCheck atomic : atomics) {
					if (atomic == null || atomic.getClass() != PermissionCheck.class) {
						return false;
					}
					String id = atomic.getResourceId();
					key.append(id == null ? 'n' : "*".equals(id) ? '*' : 'i');
					String query = atomic.getResourceIdQueryParam();
					if (query != null) {
						key.append('q').append(query.length()).append(':').append(query);
					}
					Long notFound = atomic.getAuthorizationNotFoundReturnValue();
					if (notFound != null) {
						key.append('f').append(notFound);
					}
					key.append(';');
				}
				key.append(']');
			}
			List<CompositePermissionCheck> composites = composite.getCompositeChecks();
			if (composites == null) {
				key.append('n');
			}
			else {
				key.append('{');
				for (CompositePermissionCheck inner : composites) {
					if (inner == null || !composite(key, inner)) {
						return false;
					}
				}
				key.append('}');
			}
			key.append(')');
			return true;
		}

		/** A check of the same shape made of new objects: new strings for the ids, new lists and checks. */
		static AuthorizationCheck probe(AuthorizationCheck check) {
			AuthorizationCheck probe = new AuthorizationCheck();
			probe.setAuthorizationCheckEnabled(check.isAuthorizationCheckEnabled());
			probe.setShouldPerformAuthorizatioCheck(check.shouldPerformAuthorizatioCheck());
			probe.setRevokeAuthorizationCheckEnabled(check.isRevokeAuthorizationCheckEnabled());
			probe.setHistoricInstancePermissionsEnabled(check.isHistoricInstancePermissionsEnabled());
			probe.setUseLeftJoin(check.isUseLeftJoin());
			probe.setAuthDefaultPerm(check.getAuthDefaultPerm());
			probe.setAuthUserId(check.getAuthUserId() == null ? null : new String("probe-user"));
			if (check.getAuthGroupIds() != null) {
				List<String> groups = new ArrayList<>();
				for (int i = 0; i < check.getAuthGroupIds().size(); i++) {
					groups.add(new String("probe-group-" + i));
				}
				probe.setAuthGroupIds(groups);
			}
			probe.setPermissionChecks(probe(check.getPermissionChecks()));
			return probe;
		}

		private static CompositePermissionCheck probe(CompositePermissionCheck composite) {
			if (composite == null) {
				return null;
			}
			CompositePermissionCheck probe = new CompositePermissionCheck(composite.isDisjunctive());
			if (composite.getAtomicChecks() == null) {
				probe.setAtomicChecks(null);
			}
			else {
				List<PermissionCheck> atomics = new ArrayList<>();
				for (PermissionCheck atomic : composite.getAtomicChecks()) {
					PermissionCheck copy = new PermissionCheck();
					copy.setPermission(atomic.getPermission());
					copy.setResource(atomic.getResource());
					String id = atomic.getResourceId();
					copy.setResourceId(id == null ? null : new String("*".equals(id) ? "*" : "probe-resource"));
					copy.setResourceIdQueryParam(atomic.getResourceIdQueryParam());
					copy.setAuthorizationNotFoundReturnValue(atomic.getAuthorizationNotFoundReturnValue());
					atomics.add(copy);
				}
				probe.setAtomicChecks(atomics);
			}
			if (composite.getCompositeChecks() == null) {
				probe.setCompositeChecks(null);
			}
			else {
				List<CompositePermissionCheck> composites = new ArrayList<>();
				for (CompositePermissionCheck inner : composite.getCompositeChecks()) {
					composites.add(probe(inner));
				}
				probe.setCompositeChecks(composites);
			}
			return probe;
		}

		/**
		 * The objects a check is made of, always in the same order for checks of one shape: the check, its user id,
		 * its groups and their ids, then its permission checks depth first with their resource ids.
		 */
		static List<Object> parts(AuthorizationCheck check) {
			List<Object> parts = new ArrayList<>(16);
			parts.add(check);
			parts.add(check.getAuthUserId());
			List<String> groups = check.getAuthGroupIds();
			parts.add(groups);
			if (groups != null) {
				parts.addAll(groups);
			}
			parts(parts, check.getPermissionChecks());
			return parts;
		}

		private static void parts(List<Object> parts, CompositePermissionCheck composite) {
			parts.add(composite);
			if (composite == null) {
				return;
			}
			List<PermissionCheck> atomics = composite.getAtomicChecks();
			parts.add(atomics);
			if (atomics != null) {
				for (PermissionCheck atomic : atomics) {
					parts.add(atomic);
					parts.add(atomic.getResourceId());
				}
			}
			List<CompositePermissionCheck> composites = composite.getCompositeChecks();
			parts.add(composites);
			if (composites != null) {
				for (CompositePermissionCheck inner : composites) {
					parts(parts, inner);
				}
			}
		}

	}

}
