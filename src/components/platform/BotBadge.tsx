// The small "Bot" mark next to a bot account's name (chat header, messages, members, profile).
import { useTranslations } from "next-intl";
import "./bot-badge.css";

export function BotBadge() {
  const t = useTranslations("common");
  return (
    <span className="bot-badge" title={t("botTitle")} data-testid="bot-badge">
      {t("bot")}
    </span>
  );
}
