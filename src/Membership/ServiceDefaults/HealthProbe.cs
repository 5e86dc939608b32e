namespace Membership.ServiceDefaults;

/// <summary>
/// <c>dotnet Membership.Api.dll health [url]</c>: asks a running instance's <c>/health/live</c> (default: this
/// container's port, from ASPNETCORE_HTTP_PORTS) and exits 0 when it answers 200. The container image's HEALTHCHECK
/// uses it, as the ASP.NET runtime image has no curl. It starts no host: nothing is configured or opened.
/// </summary>
public static class HealthProbe
{
    public const string Command = "health";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args)
    {
        var port = (Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080").Split(';', ',')[0].Trim();
        var url = args.Length > 1 ? args[1] : $"http://127.0.0.1:{port}{HealthEndpoints.LivePath}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            await Console.Out.WriteLineAsync($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"{url}: {e.Message}");
            return 1;
        }
    }
}
