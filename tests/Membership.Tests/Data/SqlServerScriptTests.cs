using Membership.Tests.GraphQL;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Membership.Tests.Data;

/// <summary>The SQL Server deployment script is read by SQL Server's own parser: a T-SQL syntax error fails here, without a server.</summary>
public sealed class SqlServerScriptTests
{
    [Fact]
    public void The_SQL_Server_deployment_script_parses_without_errors()
    {
        var path = Path.Combine(SchemaTests.RepositoryRoot(), "infra", "sql", "sqlserver.sql");
        using var reader = File.OpenText(path);

        var script = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"infra/sql/sqlserver.sql line {e.Line}, column {e.Column}: {e.Message}")));
        var tables = new CreatedTables();
        script.Accept(tables);
        Assert.True(tables.Count > 10, $"Only {tables.Count} CREATE TABLE statements: is the script complete?");
    }

    [Fact]
    public void The_parser_catches_a_syntax_error()
    {
        using var reader = new StringReader("CREATE TABLE [Members] ([Id] uniqueidentifier NOT NULL,, [Name] nvarchar(200));\nGO\n");

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);

        Assert.NotEmpty(errors);
    }

    private sealed class CreatedTables : TSqlFragmentVisitor
    {
        public int Count { get; private set; }

        public override void Visit(CreateTableStatement node) => Count++;
    }
}
