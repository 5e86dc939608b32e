using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Membership.GraphQL;
using Membership.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Membership.Tests.GraphQL;

/// <summary>Requests to <c>/graphql</c> built by hand, for tests of the transport itself (bodies, methods, headers).</summary>
internal static class RawRequests
{
    public static HttpRequestMessage Post(string body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return new HttpRequestMessage(HttpMethod.Post, GraphQLSetup.Path) { Content = content };
    }

    /// <summary>A GET with the document (or a persisted document's id), and the variables as URL-encoded JSON.</summary>
    public static HttpRequestMessage Get(string? query = null, object? variables = null, string? operationName = null, string? documentId = null)
    {
        var parameters = new List<string>();
        if (query is not null)
        {
            parameters.Add("query=" + Uri.EscapeDataString(query));
        }

        if (documentId is not null)
        {
            parameters.Add("documentId=" + Uri.EscapeDataString(documentId));
        }

        if (variables is not null)
        {
            parameters.Add("variables=" + Uri.EscapeDataString(JsonSerializer.Serialize(variables)));
        }

        if (operationName is not null)
        {
            parameters.Add("operationName=" + Uri.EscapeDataString(operationName));
        }

        return new HttpRequestMessage(HttpMethod.Get, GraphQLSetup.Path + "?" + string.Join('&', parameters));
    }

    /// <summary>A client of another API instance; creating it starts that instance.</summary>
    public static GraphQLClient Client(this WebApplicationFactory<Program> factory, params DelegatingHandler[] handlers) =>
        new(handlers.Length == 0 ? factory.CreateClient() : factory.CreateDefaultClient(handlers));
}

/// <summary>Keeps the Allow header of the last response: HttpClient files it among the content headers, which GraphQLResult does not keep.</summary>
internal sealed class AllowHeaderCapture : DelegatingHandler
{
    public string Allow { get; private set; } = string.Empty;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Allow = string.Join(", ", response.Content.Headers.Allow);
        return response;
    }
}
