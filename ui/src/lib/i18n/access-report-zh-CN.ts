// 访问测试报告的步骤和结论（简体中文），按 Rust 发送的代码翻译；占位符是随代码一起发送的值。
import type { AccessReportTexts } from "./private-types";

export const accessReportZhCN: AccessReportTexts = {
  actions: {
    get_with: "GET {url}（带凭据）",
    get_without: "GET {url}（不带凭据）",
    git_credential: "git 获取 {repo} 的凭据",
  },
  details: {
    http_ok: "{url}：{status}（{bytes} 字节）",
    no_credential: "{url}：401 未授权，且没有为此主机保存令牌。",
    unauthorized: "{url}：已发送令牌，但仍返回 401 未授权：令牌错误或已过期。",
    forbidden: "{url}：403 禁止访问：该令牌无权访问此模块（请检查其权限范围）。",
    not_found: "{url}：{status} 未找到",
    http_status: "{url}：HTTP {status}",
    network: "{url}：{error}",
    git_app_helper: "git 向本应用（系统钥匙串）获取 {repo} 的凭据。",
    git_other_helper:
      "git 向它自己的凭据助手 {helper} 获取 {repo} 的凭据；该助手必须知道 {host} 的令牌。",
    git_ssh: "git 通过 SSH（{base}）使用你的 SSH 密钥获取 {host}。",
    git_nothing: "git 没有 {repo} 的凭据助手，因此 Go 运行的 git 无法登录 {host}。",
    git_missing: "未安装 git；Go 需要它才能直接获取 {repo}。",
  },
  summaries: {
    pattern_not_matched: "{module} 既不匹配 GOPRIVATE，也不匹配 GONOSUMDB。",
    no_route: "GOPROXY 的设置使 {module} 无法获取。",
    reachable_through_proxy: "通过 {proxy} 可访问 {module}。",
    reachable_direct: "直接从 {repo} 可访问 {module}。",
    step_failed: "{detail}",
    not_found_then_direct:
      "{detail}随后 Go 会直接尝试代码仓库；把该路径加入 GOPRIVATE（或 GONOPROXY），Go 就会先去那里。",
  },
};
