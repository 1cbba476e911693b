package org.pujiang.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.builder.xml.XMLMapperEntityResolver;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The task query's authorization check written as "a grant exists" per resource id instead of Camunda's join.
 * <p>
 * Camunda's task query joins the user's grants on {@code AUTH.RESOURCE_ID_ in (RES.ID_, D.KEY_, '*')}. A join on a
 * list of columns can be neither hashed nor merged: PostgreSQL compared each task found with each grant of the user,
 * which for a unit with 833 open tasks (and as many task grants) was 693,056 comparisons and 100 ms of each Tasklist
 * filter (bench/results/2026-12-05-810652b-scale-open-cases.md), growing with the square of a unit's open tasks. Here
 * the same condition is written as three {@code exists} lookups: a grant for the task's id, for its process
 * definition's key, or for {@code *}, each of which the index on the grants' resource id answers.
 * <p>
 * The statements are Camunda's own, read from its {@code Task.xml} when the engine starts, with the join taken out and
 * the check of {@code mybatis/authorized-tasks.xml} in place of Camunda's; an executor interceptor runs them in place
 * of Camunda's two task query statements (the list and the count). If {@code Task.xml} no longer holds the join and
 * the check as expected, the engine does not start. Users whose groups hold a revoke keep Camunda's check, which has
 * no join.
 */
@Component
class AuthorizedTasksPlugin extends AbstractProcessEnginePlugin {

	private static final String CAMUNDA_MAPPER = "org/camunda/bpm/engine/impl/mapping/entity/Task.xml";

	private static final String CAMUNDA = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.";

	private static final String OUR_MAPPER = "mybatis/authorized-tasks.xml";

	static final String OURS = "org.pujiang.security.AuthorizedTasks.";

	/** Camunda's statement ids, by the ids of ours that run in their place. */
	static final Map<String, String> STATEMENTS = Map.of("authorizedTaskByQueryCriteria",
			"selectTaskByQueryCriteria", "authorizedTaskCountByQueryCriteria", "selectTaskCountByQueryCriteria");

	/** Camunda's join of the grants, as its task query writes it. */
	private static final String JOIN = "AUTH ON (AUTH.RESOURCE_ID_ ${authJoinStart} RES.ID_ ${authJoinSeparator} "
			+ "D.KEY_ ${authJoinSeparator} '*' ${authJoinEnd})";

	private static final String JOIN_INCLUDE = "org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity"
			+ ".authCheckJoinWithoutOnClause";

	private static final String CHECK_INCLUDE = "org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity"
			+ ".contextualAuthorizationCheck";

	@Override
	public void postInit(ProcessEngineConfigurationImpl engine) {
		Configuration configuration = engine.getSqlSessionFactory().getConfiguration();
		if (configuration.hasStatement(OURS + STATEMENTS.keySet().iterator().next(), false)) {
			return; // a shared session factory, already done
		}
		byte[] mapper = mapper();
		new XMLMapperBuilder(new ByteArrayInputStream(mapper), configuration, OUR_MAPPER,
				configuration.getSqlFragments())
			.parse();
		Map<String, MappedStatement> replacements = new HashMap<>();
		STATEMENTS.forEach((ours, camunda) -> replacements.put(CAMUNDA + camunda,
				configuration.getMappedStatement(OURS + ours)));
		configuration.addInterceptor(new AuthorizedTaskStatements(replacements));
	}

	/** Our mapper with Camunda's task query statements added, changed as the class comment says. */
	static byte[] mapper() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setExpandEntityReferences(false);
			DocumentBuilder builder = factory.newDocumentBuilder();
			builder.setEntityResolver(new XMLMapperEntityResolver());
			Document camunda = builder.parse(resource(CAMUNDA_MAPPER));
			Document ours = builder.parse(resource(OUR_MAPPER));
			Element root = ours.getDocumentElement();

			for (Map.Entry<String, String> statement : STATEMENTS.entrySet()) {
				Element select = (Element) ours.importNode(element(camunda, "select", statement.getValue()), true);
				select.setAttribute("id", statement.getKey());
				if (select.hasAttribute("resultMap")) {
					select.setAttribute("resultMap", CAMUNDA + select.getAttribute("resultMap"));
				}
				root.appendChild(select);
			}
			root.appendChild(ours.importNode(element(camunda, "sql", "columnSelection"), true));
			Element criteria = (Element) ours.importNode(element(camunda, "sql", "selectTaskByQueryCriteriaSql"), true);
			root.appendChild(criteria);

			Element join = (Element) include(criteria, JOIN_INCLUDE).getParentNode();
			if (!"if".equals(join.getTagName())
					|| !"!authCheck.revokeAuthorizationCheckEnabled".equals(join.getAttribute("test"))
					|| !join.getTextContent().replaceAll("\\s+", " ").trim().equals(JOIN)) {
				throw new IllegalStateException(CAMUNDA_MAPPER + " joins the grants otherwise than " + JOIN);
			}
			join.getParentNode().removeChild(join);

			Element check = include(criteria, CHECK_INCLUDE);
			check.setAttribute("refid", OURS + "authorizationCheck");

			ByteArrayOutputStream out = new ByteArrayOutputStream();
			Transformer transformer = TransformerFactory.newInstance().newTransformer();
			transformer.setOutputProperty(OutputKeys.DOCTYPE_PUBLIC, ours.getDoctype().getPublicId());
			transformer.setOutputProperty(OutputKeys.DOCTYPE_SYSTEM, ours.getDoctype().getSystemId());
			transformer.transform(new DOMSource(ours), new StreamResult(out));
			return out.toByteArray();
		}
		catch (IOException | SAXException | ParserConfigurationException | TransformerException ex) {
			throw new IllegalStateException("Cannot build " + OUR_MAPPER + " from " + CAMUNDA_MAPPER, ex);
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream stream = AuthorizedTasksPlugin.class.getClassLoader().getResourceAsStream(name);
		if (stream == null) {
			throw new IOException("No " + name + " on the class path");
		}
		return stream;
	}

	private static Element element(Document document, String tag, String id) {
		return only(document.getElementsByTagName(tag), "id", id, CAMUNDA_MAPPER + " has no " + tag + " " + id);
	}

	private static Element include(Element parent, String refid) {
		return only(parent.getElementsByTagName("include"), "refid", refid,
				CAMUNDA_MAPPER + " has not exactly one include of " + refid + " in its task query");
	}

	private static Element only(NodeList nodes, String attribute, String value, String otherwise) {
		List<Element> found = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			Node node = nodes.item(i);
			if (node instanceof Element element && value.equals(element.getAttribute(attribute))) {
				found.add(element);
			}
		}
		if (found.size() != 1) {
			throw new IllegalStateException(otherwise);
		}
		return found.get(0);
	}

	/** Runs our statements in place of Camunda's. */
	@Intercepts(@Signature(type = Executor.class, method = "query",
			args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class }))
	static final class AuthorizedTaskStatements implements Interceptor {

		private final Map<String, MappedStatement> replacements;

		AuthorizedTaskStatements(Map<String, MappedStatement> replacements) {
			this.replacements = Map.copyOf(replacements);
		}

		@Override
		public Object intercept(Invocation invocation) throws Throwable {
			Object[] args = invocation.getArgs();
			MappedStatement replacement = this.replacements.get(((MappedStatement) args[0]).getId());
			if (replacement != null) {
				args[0] = replacement;
			}
			return invocation.proceed();
		}

	}

}
