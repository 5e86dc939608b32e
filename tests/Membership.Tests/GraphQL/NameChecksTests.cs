using Membership.GraphQL;

namespace Membership.Tests.GraphQL;

/// <summary>The one rule for names and job titles: what people are called passes; line breaks, hidden characters and links do not.</summary>
public sealed class NameChecksTests
{
    [Theory]
    [InlineData("Núñez")]
    [InlineData("O'Brien-Smith")]
    [InlineData("Mary Jane St. John")]
    [InlineData("Nguyễn Thị Minh Khai")]
    [InlineData("مهرداد\u200Cپور")] // a zero-width non-joiner is part of Persian spelling
    [InlineData("Lt. J.R. Ewing Jr.")]
    [InlineData("School Resource Officer / D.A.R.E. Instructor")]
    [InlineData("Sgt., Mobile Co. Sheriff's Office")]
    public void A_real_name_or_title_passes(string name) => Assert.True(InputChecks.IsCleanName(name));

    [Theory]
    [InlineData("there.\n\nACTION REQUIRED")]
    [InlineData("Sam\rBcc: all")]
    [InlineData("Tab\there")]
    [InlineData("Bell\u0007")]
    [InlineData("Line\u2028separator")]
    [InlineData("Right\u202Eto-left override")]
    [InlineData("Visit http://evil.example")]
    [InlineData("HTTPS://EVIL.EXAMPLE")]
    [InlineData("ftp://files")]
    [InlineData("see www.evil")]
    [InlineData("evil.com")]
    [InlineData("members.example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:boss@evil")]
    [InlineData("\uFF48\uFF54\uFF54\uFF50\uFF53\uFF1A\uFF0F\uFF0Fevil")] // full-width "https://"
    public void A_name_carrying_other_content_is_refused(string name) => Assert.False(InputChecks.IsCleanName(name));
}
