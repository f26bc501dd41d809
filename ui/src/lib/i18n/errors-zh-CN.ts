import type { ErrorMessages } from "./errors-types";

export const errorsZhCN: ErrorMessages = {
  title: "出错了",
  field: "涉及：{field}",
  details: "技术细节",
  codes: {
    invalid_input: "输入的值不符合规则。",
    read_only_key:
      "Go 不允许用 go env -w 修改这个设置：请在 shell 配置文件中设置它，或交给 Go 计算。",
    unknown_key: "此 Go 版本不认识这个设置：请检查拼写，或升级 Go。",
    empty_value_hides_default: "空值会遮住 Go 的默认值；请改为删除这个设置。",
    goenv_unavailable:
      "无法使用 GOENV 文件：GOENV=off，或无法确定它的位置。请取消设置 GOENV，或把它设为一个文件路径。",
    not_a_file:
      "本应是普通文件的位置上是其他东西（目录或符号链接），应用不会通过它写入。请手动处理后重试。",
    conflict: "该文件在这次更改之后又被修改过；撤销会丢失那次修改。",
    nothing_to_undo: "没有可撤销的内容：该更改已撤销，或不在历史记录中。",
    io: "无法读取或写入文件：请确认文件存在，并且你有权限访问。",
    external: "应用调用的程序（go、git）或应用本身出错。",
    corrupt: "应用保存的文件（历史记录、主机列表、上次测速结果）已损坏，无法读取。",
    keychain_locked:
      "系统钥匙串已锁定，或拒绝了访问。请先解锁（登录桌面会话，或解锁“登录”密钥环），然后重试。",
    keychain_unavailable:
      "没有可用的系统钥匙串。在 Linux 上，当前会话中必须运行系统钥匙串服务（gnome-keyring 或 KWallet）。",
    keychain_timeout: "系统钥匙串没有及时响应。它可能正在等你解锁：解锁后重试。",
    bundle_refused:
      "团队配置包格式有误或不安全，已拒绝。没有做任何更改；请向发送者索取修正后的文件。",
    bundle_needs_acceptance:
      "团队配置包中有会运行代码或削弱模块校验的项目。需要逐项明确接受后才能应用。",
  },
  inputs: {
    url: "请检查 URL：需要以 https:// 开头的完整地址（只有自己网络中的服务器可用 http://），不能含空格或登录名，也不能与列表中已有的重复。",
    name: "请检查镜像名称：使用 1–64 个字母、数字、'.'、'_' 或 '-'（不能是 direct 或 off），且不能与其他镜像重名。只能删除自己添加的镜像。",
    ca_file:
      "无法使用该 CA 文件：请填写一个可读取、包含 PEM 证书（-----BEGIN CERTIFICATE-----）的文件路径。",
    host: "请检查主机：只写主机名，可带端口，例如 git.corp.example.com 或 goproxy.corp.example.com:8443，不要带 https://、路径、登录名或空格。要更改令牌，请选择已有令牌的主机。",
    user: "请检查登录名：不能为空，不能含空格，不能以引号或 # 开头，也不能是 .netrc 关键字（machine、login、password 等）。",
    login:
      "请检查登录名：不能为空，不能含空格，不能以引号或 # 开头，也不能是 .netrc 关键字（machine、login、password 等）。",
    token: "请检查令牌：只粘贴令牌本身，一行、最多 4096 字节，不含空格，不以引号或 # 开头。",
    password: "请检查令牌：只粘贴令牌本身，一行、最多 4096 字节，不含空格，不以引号或 # 开头。",
    module: "请检查模块路径：形如 git.corp.example.com/team/lib（需要版本时加上 @v1.2.3）。",
    project: "请检查项目文件夹：填写一个已存在、包含 go.mod 的文件夹的完整路径。",
    mirrors:
      "请至少选择一个镜像（列表中的名称或 https:// URL）；direct 或 off 之后不能再有其他项。",
    deadline_secs: "时间限制必须在 0 到 600 秒之间。",
    run_id: "这次测速已在运行：请等待它结束或取消它。",
    ssh_base:
      "请检查 SSH 地址：写成 git@git.corp.example.com: 或 ssh://git@git.corp.example.com/ 的形式。",
    helper: "应用的安装路径无法用作助手命令：路径必须是绝对路径，不能含空格或 shell 特殊字符。",
    GOAUTH:
      "GOAUTH 无法调用应用的助手：需要 Go 1.24 或更高版本，GOAUTH 不能为 off，且应用须安装在不含空格、引号或 ';' 的绝对路径中。",
    netrc:
      "无法安全地编辑 .netrc（某个条目有歧义、文件过大或不是文本，或文件在 macdef 块中结束）；未写入任何内容。请手动编辑。",
    ops: "请至少给出一个 KEY=VALUE 设置，每个键只写一次。",
    id: "历史记录中没有这项更改，或它已被撤销。",
    change: "这次更改中有两部分涉及同一个文件或系统钥匙串条目；请把它们合并为一部分。",
  },
  setting: "{key} 的值不符合 Go 对这个设置的规则。",
  unlocated: "无法确定文件的位置：{key} 未设置。",
};
