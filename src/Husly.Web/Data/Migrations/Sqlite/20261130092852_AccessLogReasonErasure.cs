using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessLogReasonErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReasonErasure",
                table: "AccessLog",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReasonErasure",
                table: "AccessLog");
        }
    }
}
