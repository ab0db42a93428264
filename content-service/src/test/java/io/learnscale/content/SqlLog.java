package io.learnscale.content;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** Every SQL statement the application sends, so a test can tell whether a request touched the database. */
public final class SqlLog {

    private static final List<String> statements = new ArrayList<>();

    private SqlLog() {}

    /** A position in the log to count from. */
    public static synchronized int mark() {
        return statements.size();
    }

    /** Statements since the mark that read or write the topics. */
    public static synchronized List<String> topicStatementsSince(int mark) {
        return since(mark, sql -> sql.matches("(?is).*\\b(from|into|update)\\s+topic\\b.*"));
    }

    public static synchronized List<String> since(int mark, Predicate<String> filter) {
        return statements.subList(mark, statements.size()).stream()
                .filter(filter)
                .toList();
    }

    private static synchronized void record(String sql) {
        statements.add(sql);
    }

    /** The application's DataSource, logging what its connections execute. */
    static final class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return logging(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return logging(super.getConnection(username, password));
        }

        private static Connection logging(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    SqlLog.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if ((method.getName().startsWith("prepare")) && args != null && args[0] instanceof String sql) {
                            record(sql);
                        }
                        Object result = invoke(connection, method, args);
                        if (result instanceof Statement statement && !(result instanceof java.sql.PreparedStatement)) {
                            return Proxy.newProxyInstance(
                                    SqlLog.class.getClassLoader(),
                                    new Class<?>[] {Statement.class},
                                    statementLogger(statement));
                        }
                        return result;
                    });
        }

        private static InvocationHandler statementLogger(Statement statement) {
            return (proxy, method, args) -> {
                if (method.getName().startsWith("execute") || method.getName().equals("addBatch")) {
                    if (args != null && args.length > 0 && args[0] instanceof String sql) {
                        record(sql);
                    }
                }
                return invoke(statement, method, args);
            };
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
