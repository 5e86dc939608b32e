using System.Reflection;
using System.Text.RegularExpressions;
using Membership.Data;
using Membership.Tests.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Tests.Data;

/// <summary>
/// The host runs on compiled EF models (src/Membership/Data/CompiledModels, one per provider): generated code that a
/// model change leaves stale, and a stale model silently misses a column or an index. So each provider's model is
/// generated again here, in process, from the entity configurations, exactly as infra/scripts/compile-model.sh does,
/// and must equal the checked-in files. No database is needed.
/// </summary>
public sealed partial class CompiledModelTests
{
    private const string Stale = "is stale: run infra/scripts/compile-model.sh (add-migration.sh runs it too)";

    [Theory]
    [MemberData(nameof(ProviderModelTests.Providers), MemberType = typeof(ProviderModelTests))]
    public void The_checked_in_compiled_model_is_what_the_entity_configurations_generate(DatabaseProvider provider)
    {
        var checkedIn = Path.Combine(SchemaTests.RepositoryRoot(), "src", "Membership", "Data", "CompiledModels", provider.ToString());
        var generated = Directory.CreateTempSubdirectory("membership-compiled-model-");
        try
        {
            using var db = ProviderModelTests.Context(provider);
            Generate(db, provider, generated.FullName);

            var expected = CodeFiles(generated.FullName);
            var actual = CodeFiles(checkedIn);
            Assert.True(expected.Keys.Order().SequenceEqual(actual.Keys.Order()),
                $"The compiled model for {provider} {Stale}. Files generated now: {string.Join(", ", expected.Keys.Except(actual.Keys))}; " +
                $"checked in but no longer generated: {string.Join(", ", actual.Keys.Except(expected.Keys))}.");
            Assert.All(expected, file => Assert.True(file.Value == actual[file.Key], $"{provider}/{file.Key} {Stale}. {FirstDifference(file.Value, actual[file.Key])}"));
        }
        finally
        {
            generated.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(ProviderModelTests.Providers), MemberType = typeof(ProviderModelTests))]
    public void The_compiled_model_maps_every_entity_to_the_same_table_and_columns_as_the_built_model(DatabaseProvider provider)
    {
        using var built = ProviderModelTests.Context(provider);
        using var compiled = ProviderModelTests.Context(provider, DatabaseSetup.CompiledModel(provider)); // as the host's contexts

        Assert.Equal(Shape(built.Model), Shape(compiled.Model));
    }

    /// <summary>What dotnet ef dbcontext optimize writes, through the same design-time services it uses.</summary>
    private static void Generate(MembershipDbContext db, DatabaseProvider provider, string folder)
    {
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
        ProviderDesignTimeServices(db).ConfigureDesignTimeServices(services);
        using var provided = services.BuildServiceProvider();
        provided.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
            db.GetService<IDesignTimeModel>().Model,
            folder,
            new CompiledModelCodeGenerationOptions
            {
                ContextType = typeof(MembershipDbContext),
                ModelNamespace = $"Membership.Data.CompiledModels.{provider}",
                Language = "C#",
                UseNullableReferenceTypes = true,
            });
    }

    /// <summary>The provider's own design-time services, found as dotnet-ef finds them: by its assembly's attribute.</summary>
    private static IDesignTimeServices ProviderDesignTimeServices(DbContext db)
    {
        var assembly = Assembly.Load(new AssemblyName(db.Database.ProviderName!));
        var name = assembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()!.TypeName;
        return (IDesignTimeServices)Activator.CreateInstance(assembly.GetType(name, throwOnError: true)!)!;
    }

    /// <summary>
    /// The generated C# files by name (the assembly attribute the script deletes left out), line endings unified and
    /// the model's id, a new random GUID at each generation, left out.
    /// </summary>
    private static Dictionary<string, string> CodeFiles(string folder) => Directory.GetFiles(folder, "*.cs")
        .Where(path => !path.EndsWith("AssemblyAttributes.cs", StringComparison.Ordinal))
        .ToDictionary(path => Path.GetFileName(path), path => ModelId().Replace(File.ReadAllText(path).ReplaceLineEndings("\n"), "modelId: (any)"));

    [GeneratedRegex("""modelId: new Guid\("[0-9a-f-]{36}"\)""")]
    private static partial Regex ModelId();

    private static string FirstDifference(string generated, string checkedIn)
    {
        var (now, before) = (generated.Split('\n'), checkedIn.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(now.Length, before.Length)).FirstOrDefault(i => now[i] != before[i], Math.Min(now.Length, before.Length));
        return $"Line {line + 1} generated now: \"{now.ElementAtOrDefault(line)?.Trim()}\", checked in: \"{before.ElementAtOrDefault(line)?.Trim()}\".";
    }

    private static List<string> Shape(IModel model) => model.GetEntityTypes()
        .SelectMany(entity => entity.GetProperties().Select(p =>
            $"{entity.Name} {entity.GetTableName()} {p.Name} {p.GetColumnName()} {p.GetColumnType()} {p.IsNullable} {p.GetValueConverter()?.GetType().Name} {p.GetMaxLength()}"))
        .Concat(model.GetEntityTypes().SelectMany(entity => entity.GetIndexes().Select(i =>
            $"{entity.Name} index {i.GetDatabaseName()} {string.Join(",", i.Properties.Select(p => p.Name))} {i.IsUnique}")))
        .Order(StringComparer.Ordinal)
        .ToList();
}
