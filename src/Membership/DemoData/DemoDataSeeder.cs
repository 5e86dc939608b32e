namespace Membership.DemoData;

public static class DemoDataSeeder
{
    public static Task SeedAsync(IServiceProvider services, DemoDataOptions options) => Task.CompletedTask;
}
