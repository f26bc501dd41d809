// Texts about how git logs in to a host (Hosts and tokens), in Simplified Chinese.
import type { GitTexts } from "./private-types";

export const privateGitZhCN: GitTexts = {
  status: {
    app_helper: "git：使用本应用的系统钥匙串",
    other_helper: "git：使用它自己的凭据助手 {helper}",
    ssh: "git：通过 SSH（{base}）",
    nothing: "git：无法登录——直接获取会失败",
    git_missing: "未安装 git",
  },
  hints: {
    other_helper: "该助手必须自己知道这个主机的令牌；也可以改为让 git 使用系统钥匙串。",
    ssh: "git 通过 SSH 用你的 SSH 密钥从这个主机获取，不使用令牌。",
    nothing: "对于没有模块代理提供的私有模块，Go 会用 git 直接获取，而 git 在这里无法登录。",
    git_missing: "Go 需要 git 才能直接从版本控制系统获取模块。请安装 git，然后点击“刷新”。",
  },
  proxyHost: "GOPROXY 中的模块代理：由 Go 自己发送令牌，不经过 git。",
  setup: "让 git 使用系统钥匙串",
  preparing: "正在准备…",
  previewNote:
    "git 将向本应用索取 {host} 的令牌。只会写入这一行，令牌仍保存在系统钥匙串中。之后可以撤销。",
  applied: "git 现在会从系统钥匙串获取 {host} 的令牌。",
};
