using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Membership.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SandboxObjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SandboxObjects",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Id = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxObjects", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxObjects_Id",
                table: "SandboxObjects",
                column: "Id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxObjects_Type_Created",
                table: "SandboxObjects",
                columns: new[] { "Type", "Created" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SandboxObjects");
        }
    }
}
