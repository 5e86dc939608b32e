using GraphQL;
using GraphQL.Types;
using Membership.GraphQL;
using Membership.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Members.Privacy;

internal sealed class MemberDataExportType : ObjectGraphType<MemberDataExport>
{
    public MemberDataExportType()
    {
        Name = "MemberDataExport";
        Description = "A document of everything held about the member; the download link is mailed to them, not returned here.";
        Field(e => e.RequestedAt);
        Field(e => e.ExpiresAt).Description("The mailed link works until then.");
    }
}

internal sealed class RequestMyDataPayloadType() : PayloadType<MemberDataExport, MemberDataExportType>("RequestMyDataPayload", "export", "The document made and mailed, or why not.");

/// <summary>A member's own data (<c>requestMyData</c>) and its erasure on request (<c>eraseMember</c>).</summary>
public static class PrivacySetup
{
    public static IServiceCollection AddMemberPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MemberDataOptions>(configuration.GetSection(MemberDataOptions.Section));
        services.AddLeasedJob<MemberDataExportCleanupJob>();
        services.AddFieldsTo<Member>(member => member.Field(m => m.ErasedAt, nullable: true)
            .Description("When the member's personal data was erased on request; null otherwise. Their payments and certificates remain. Staff only.")
            .AuthorizeWithPolicy(Policies.Staff));
        return services.AddRootFields(mutation: mutation =>
        {
            mutation.Field<RequestMyDataPayloadType>("requestMyData")
                .Description("Mails the signed-in member a link to everything the association holds about them (JSON, valid for days). Once a day.")
                .AuthorizeWithPolicy(Policies.Member)
                .ResolveAsync(async c => await MemberDataRequests.RequestAsync(c));
            mutation.Mutation<EraseMemberPayloadType, EraseMemberInputType>("eraseMember",
                    "Erases a member's personal data on request: names, contact details, account, consents and mail go; dues payments, ticket amounts and certificates stay. Admins only; idempotent.")
                .AuthorizeWithPolicy(Policies.Admin)
                .ResolveAsync(async c => await MemberErasure.EraseAsync(c, c.GetArgument<EraseMemberInput>("input")));
        });
    }
}
